import { sql } from 'kysely'
import type { KeyedItem } from '../model/index.js'
import type { Executor } from './executor.js'

/** How one feed document's items changed the store. */
export interface UpsertCounts {
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  /** New items by how they found their story: `first` started one, other rules joined one. */
  readonly matches: Readonly<Record<string, number>>
}

/**
 * Stores one feed document's items: a known item key whose content changed is updated in place (and
 * its story marked updated), a new one joins the story of an item with the same canonical link or
 * starts a new story. Idempotent; run it in the same transaction as the feed's fetch state.
 */
export async function upsertFeedItems(db: Executor, feedId: number, items: readonly KeyedItem[], now: Date): Promise<UpsertCounts> {
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0, matches: {} }
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
  const matches: Record<string, number> = {}
  const unchangedIds: string[] = []
  for (const item of items) {
    if (tombstoned.has(item.itemKey)) continue
    const known = existing.get(item.itemKey)
    if (known === undefined) {
      const rule = await insertItem(db, feedId, item, now)
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
  return { created, updated, unchanged: unchangedIds.length, matches }
}

function itemColumns(item: KeyedItem) {
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
async function insertItem(db: Executor, feedId: number, item: KeyedItem, now: Date): Promise<string> {
  const publishedAt = item.publishedAt ?? now
  const updatedAt = laterOf(item.updatedAt, publishedAt)
  const joined = await findStoryIdByUrl(db, item.storyUrl)
  const storyId = joined ?? await insertStory(db, publishedAt, updatedAt)
  const rule = joined === undefined ? 'first' : 'canonical_url'
  await db
    .insertInto('items')
    .values({
      ...itemColumns(item), feed_id: feedId, item_key: item.itemKey, story_id: storyId, first_seen_at: now, last_seen_at: now,
      match_rule: rule,
    })
    .onConflict((oc) => oc.columns(['feed_id', 'item_key']).doNothing())
    .execute()
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

async function updateItem(db: Executor, itemId: string, storyId: string, item: KeyedItem, now: Date): Promise<void> {
  // An item whose feed stopped giving a date keeps the one it had (SPEC: it keeps its first-seen time).
  const columns = itemColumns(item)
  await db
    .updateTable('items')
    .set({ ...columns, published_at: item.publishedAt ?? sql<Date | null>`published_at`, last_seen_at: now })
    .where('id', '=', itemId)
    .execute()
  // The edit is news to readers now, even when the feed's own `updated` did not move.
  const updatedAt = laterOf(item.updatedAt, now)
  await db
    .updateTable('stories')
    .set((eb) => ({ updated_at: eb.fn('greatest', ['updated_at', eb.val(updatedAt)]) }))
    .where('id', '=', storyId)
    .execute()
}

async function findStoryIdByUrl(db: Executor, storyUrl: string | null): Promise<string | undefined> {
  if (storyUrl === null) return undefined
  const row = await db.selectFrom('items').select('story_id').where('canonical_url', '=', storyUrl).orderBy('id').limit(1).executeTakeFirst()
  return row?.story_id
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
