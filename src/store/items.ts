import { sql } from 'kysely'
import type { ItemMatchData, KeyedItem, StoryMatcher } from '../model/index.js'
import type { Executor } from './executor.js'
import { featureColumns, findStoryCandidates, insertMatchKeys, replaceMatchKeys } from './story-candidates.js'

/** A feed item ready to store; `match` (dedupe withMatchData) lets later copies find it and it find earlier ones. */
export type StorableItem = KeyedItem & { readonly match?: ItemMatchData }

/** How one feed document's items changed the store. */
export interface UpsertCounts {
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  /** New items by how they found their story: `first` started one, other rules joined one. */
  readonly matches: Readonly<Record<string, number>>
  /** Known articles (same link) that came back under a new guid and were updated in place. */
  readonly guidChanges: number
}

/**
 * Stores one feed document's items: a known item key whose content changed is updated in place (its
 * features and match keys recomputed, its story kept and marked updated); a new one joins the story
 * `matcher` picks among the stored items sharing a match key with it, or starts a new story. Items
 * without match data, or stored without a matcher, each start their own story. Idempotent; run it in
 * the same transaction as the feed's fetch state.
 */
export async function upsertFeedItems(
  db: Executor, feedId: number, items: readonly StorableItem[], now: Date, matcher?: StoryMatcher,
): Promise<UpsertCounts> {
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0, matches: {}, guidChanges: 0 }
  const existing = new Map(
    (await db
      .selectFrom('items')
      .select(['id', 'item_key', 'content_hash', 'story_id', 'published_at'])
      .where('feed_id', '=', feedId)
      .where('item_key', 'in', items.map((i) => i.itemKey))
      .execute()).map((row) => [row.item_key, row]),
  )
  // Items pruned by retention stay gone even while the feed still lists them.
  const tombstoned = new Set(
    (await db
      .selectFrom('item_tombstones')
      .select('item_key')
      .where('feed_id', '=', feedId)
      .where('item_key', 'in', items.map((i) => i.itemKey))
      .execute()).map((row) => row.item_key),
  )
  let created = 0
  let updated = 0
  let guidChanges = 0
  const matches: Record<string, number> = {}
  const rekeyed = await findRekeyedItems(db, feedId, items, existing)
  const unchangedIds: string[] = []
  for (const item of items) {
    if (tombstoned.has(item.itemKey)) continue
    const known = existing.get(item.itemKey)
    const previous = rekeyed.get(item.itemKey)
    if (previous !== undefined) {
      // Only the guid changed: the item takes its new key, and its story is not marked updated.
      if (previous.content_hash === item.contentHash) {
        await db.updateTable('items').set({ item_key: item.itemKey, last_seen_at: now }).where('id', '=', previous.id).execute()
      } else {
        await updateItem(db, previous.id, previous.story_id, item, now, item.itemKey)
      }
      guidChanges++
    } else if (known === undefined) {
      const rule = await insertItem(db, feedId, item, now, matcher)
      matches[rule] = (matches[rule] ?? 0) + 1
      created++
    } else if (known.content_hash !== item.contentHash) {
      await updateItem(db, known.id, known.story_id, item, now)
      updated++
    } else {
      unchangedIds.push(known.id)
    }
  }
  if (unchangedIds.length > 0) {
    await db.updateTable('items').set({ last_seen_at: now }).where('id', 'in', unchangedIds).execute()
  }
  if (guidChanges > 0) {
    await db.updateTable('feeds').set((eb) => ({ guid_changes: eb('guid_changes', '+', guidChanges) })).where('id', '=', feedId).execute()
  }
  return { created, updated, unchanged: unchangedIds.length, matches, guidChanges }
}

/**
 * Detects a feed whose guids change on every fetch while its links stay: when at least two of this
 * document's new guid-keyed items, and at least half of its linked items, link to articles the feed
 * already has under another key, those guids are unusable and the link identifies the item instead.
 * Returns the stored item each such new key replaces. A live page, whose new updates share a link
 * with old ones while the old guids stay, is left alone.
 */
async function findRekeyedItems(
  db: Executor, feedId: number, items: readonly StorableItem[], existing: ReadonlyMap<string, unknown>,
): Promise<Map<string, { id: string; story_id: string; content_hash: string }>> {
  const documentKeys = new Set(items.map((i) => i.itemKey))
  const linked = items.filter((i) => i.storyUrl !== null)
  const fresh = linked.filter((i) => i.itemKey.startsWith('guid:') && !existing.has(i.itemKey))
  if (fresh.length < 2) return new Map()
  const rows = await db
    .selectFrom('items')
    .select(['id', 'item_key', 'story_id', 'content_hash', 'canonical_url'])
    .where('feed_id', '=', feedId)
    .where('canonical_url', 'in', fresh.map((i) => i.storyUrl!))
    .orderBy('id', 'desc')
    .execute()
  const byLink = new Map<string, { id: string; story_id: string; content_hash: string }>()
  for (const row of rows) {
    if (row.canonical_url !== null && !documentKeys.has(row.item_key) && !byLink.has(row.canonical_url)) byLink.set(row.canonical_url, row)
  }
  const rekeyed = new Map(fresh.flatMap((i) => (byLink.has(i.storyUrl!) ? [[i.itemKey, byLink.get(i.storyUrl!)!] as const] : [])))
  return rekeyed.size >= 2 && rekeyed.size * 2 >= linked.length ? rekeyed : new Map()
}

function itemColumns(item: StorableItem) {
  return {
    guid: item.guid,
    url: item.url,
    canonical_url: item.storyUrl,
    title: item.title,
    author: item.author,
    summary: item.summary,
    content_html: item.contentHtml,
    published_at: item.publishedAt,
    updated_at: item.updatedAt,
    content_hash: item.contentHash,
    categories: JSON.stringify(item.categories),
    enclosures: JSON.stringify(item.enclosures),
  }
}

/** Inserts a new item into its story (found or started) and returns the rule that decided the story. */
async function insertItem(db: Executor, feedId: number, item: StorableItem, now: Date, matcher: StoryMatcher | undefined): Promise<string> {
  // Also the item's sort_at, the time its candidates are looked for around.
  const publishedAt = item.publishedAt ?? now
  const updatedAt = laterOf(item.updatedAt, publishedAt)
  const choice = item.match === undefined || matcher === undefined
    ? null
    : matcher.choose(item.match.features, await findStoryCandidates(db, item.match, publishedAt, matcher.windowMs))
  const storyId = choice?.storyId ?? await insertStory(db, publishedAt, updatedAt)
  const rule = choice?.rule ?? 'first'
  const inserted = await db
    .insertInto('items')
    .values({
      ...itemColumns(item), ...featureColumns(item.match?.features), feed_id: feedId, item_key: item.itemKey, story_id: storyId,
      first_seen_at: now, last_seen_at: now, match_rule: rule, match_distance: choice?.distance ?? null,
    })
    .onConflict((oc) => oc.columns(['feed_id', 'item_key']).doNothing())
    .returning(['id', 'sort_at'])
    .executeTakeFirst()
  if (inserted !== undefined) await insertMatchKeys(db, inserted.id, inserted.sort_at, item.match)
  // A late copy may carry an earlier date or a newer edit than the story had.
  await db
    .updateTable('stories')
    .set((eb) => ({
      published_at: eb.fn('least', ['published_at', eb.val(publishedAt)]),
      updated_at: eb.fn('greatest', ['updated_at', eb.val(updatedAt)]),
    }))
    .where('id', '=', storyId)
    .execute()
  return rule
}

async function updateItem(db: Executor, itemId: string, storyId: string, item: StorableItem, now: Date, newKey?: string): Promise<void> {
  // An item whose feed stopped giving a date keeps the one it had (SPEC: it keeps its first-seen time).
  // The edit changes what later copies are matched against, never the item's own story (ids are stable).
  const columns = { ...itemColumns(item), ...featureColumns(item.match?.features) }
  const row = await db
    .updateTable('items')
    .set({ ...columns, published_at: item.publishedAt ?? sql<Date | null>`published_at`, last_seen_at: now, ...(newKey !== undefined && { item_key: newKey }) })
    .where('id', '=', itemId)
    .returning('sort_at')
    .executeTakeFirstOrThrow()
  await replaceMatchKeys(db, itemId, row.sort_at, item.match)
  // The edit is news to readers now, even when the feed's own `updated` did not move.
  const updatedAt = laterOf(item.updatedAt, now)
  await db
    .updateTable('stories')
    .set((eb) => ({ updated_at: eb.fn('greatest', ['updated_at', eb.val(updatedAt)]) }))
    .where('id', '=', storyId)
    .execute()
}

async function insertStory(db: Executor, publishedAt: Date, updatedAt: Date): Promise<string> {
  const row = await db
    .insertInto('stories')
    .values({ published_at: publishedAt, updated_at: updatedAt, created_at: publishedAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

function laterOf(a: Date | null, b: Date): Date {
  return a !== null && a > b ? a : b
}
