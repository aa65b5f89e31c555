import { sql } from 'kysely'
import type { ItemMatchData, KeyedItem, StoryCandidate, StoryMatcher } from '../model/index.js'
import type { Executor } from './executor.js'
import {
  featureColumns, findStoryCandidatesForEach, insertMatchKeys, lastItemBatch, MAX_STORY_CANDIDATES, recordItemBatch, replaceMatchKeys,
} from './story-candidates.js'

/** A feed item ready to store; `match` (dedupe withMatchData) lets later copies find it and it find earlier ones. */
export type StorableItem = KeyedItem & { readonly match?: ItemMatchData }

/** Key of the advisory lock a transaction that adds items holds from recording its item batch to its commit. */
export const STORY_LOCK = 0x7374_6f72 // "stor"

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
 * the same transaction as the feed's fetch state, as the transaction's last statements (new items end it
 * holding the story lock).
 */
export async function upsertFeedItems(
  db: Executor, feedId: number, items: readonly StorableItem[], now: Date, matcher?: StoryMatcher,
): Promise<UpsertCounts> {
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0, matches: {}, guidChanges: 0 }
  // Arrays, not `in` lists: a document may hold more items than a statement may have parameters (65,535).
  const keys = items.map((i) => i.itemKey)
  const existing = new Map(
    (await db
      .selectFrom('items')
      .select(['id', 'item_key', 'content_hash', 'story_id', 'published_at'])
      .where('feed_id', '=', feedId)
      .where(sql<boolean>`item_key = any(${keys}::text[])`)
      .execute()).map((row) => [row.item_key, row]),
  )
  // Items pruned by retention stay gone even while the feed still lists them.
  const tombstoned = new Set(
    (await db
      .selectFrom('item_tombstones')
      .select('item_key')
      .where('feed_id', '=', feedId)
      .where(sql<boolean>`item_key = any(${keys}::text[])`)
      .execute()).map((row) => row.item_key),
  )
  let created = 0
  let updated = 0
  let guidChanges = 0
  const matches: Record<string, number> = {}
  const rekeyed = await findRekeyedItems(db, feedId, items, existing)
  const unchangedIds: string[] = []
  const fresh: StorableItem[] = []
  for (const item of items) {
    if (tombstoned.has(item.itemKey)) continue
    const known = existing.get(item.itemKey)
    // An unchanged entry brings nothing to store, only that it is still listed. Should its key no longer
    // be stored, its hash is not known at the next fetch, which then reads it in full.
    if (item.unchanged === true) {
      if (known !== undefined) unchangedIds.push(known.id)
      continue
    }
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
      fresh.push(item)
    } else if (known.content_hash !== item.contentHash) {
      await updateItem(db, known.id, known.story_id, item, now)
      updated++
    } else {
      unchangedIds.push(known.id)
    }
  }
  if (unchangedIds.length > 0) {
    await db.updateTable('items').set({ last_seen_at: now }).where(sql<boolean>`id = any(${unchangedIds}::bigint[])`).execute()
  }
  if (guidChanges > 0) {
    await db.updateTable('feeds').set((eb) => ({ guid_changes: eb('guid_changes', '+', guidChanges) })).where('id', '=', feedId).execute()
  }
  // Last: it ends holding the story lock, which the transaction should commit soon after.
  for (const rule of await insertNewItems(db, feedId, fresh, now, matcher)) {
    matches[rule] = (matches[rule] ?? 0) + 1
    created++
  }
  return { created, updated, unchanged: unchangedIds.length, matches, guidChanges }
}

/**
 * The raw hashes (normalize/ rawEntryHash) of the items the feed's last stored document listed, which
 * all were last seen at the same time. Reading the next document, entries with these hashes are only
 * identified (their item is as stored), not normalized and fingerprinted again.
 */
export async function findLastRawHashes(db: Executor, feedId: number): Promise<string[]> {
  const { rows } = await sql<{ raw_hash: string }>`
    select raw_hash from items
    where feed_id = ${feedId} and raw_hash is not null
      and last_seen_at = (select max(last_seen_at) from items where feed_id = ${feedId})`.execute(db)
  return rows.map((row) => row.raw_hash)
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
  const fresh = linked.filter((i) => i.itemKey.startsWith('guid:') && !existing.has(i.itemKey) && i.unchanged !== true)
  if (fresh.length < 2) return new Map()
  const rows = await db
    .selectFrom('items')
    .select(['id', 'item_key', 'story_id', 'content_hash', 'canonical_url'])
    .where('feed_id', '=', feedId)
    .where(sql<boolean>`canonical_url = any(${fresh.map((i) => i.storyUrl!)}::text[])`)
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
    raw_hash: item.rawHash ?? null,
    categories: JSON.stringify(item.categories),
    enclosures: JSON.stringify(item.enclosures),
  }
}

/** A new item with the story it joins (found or started) and the rule that decided. */
interface Placed {
  readonly item: StorableItem
  readonly sortAt: Date
  readonly updatedAt: Date
  readonly storyId: string
  readonly rule: string
  readonly distance: number | null
}

/**
 * Inserts a document's new items in a few statements: one lookup of every item's story candidates, one
 * insert of the stories they start, of the items and of their match keys; then, under the story lock,
 * one read of the items other writers stored meanwhile (placing the document again if they are
 * candidates) and one update of the stories it joined. Items are placed in document order, each also
 * seeing the new items placed before it, so the result is the same as inserting them one by one.
 * Returns each item's rule.
 */
async function insertNewItems(
  db: Executor, feedId: number, items: readonly StorableItem[], now: Date, matcher: StoryMatcher | undefined,
): Promise<string[]> {
  if (items.length === 0) return []
  // An item's sort time (its date, else now) is also the time its candidates are looked for around.
  const sortAts = items.map((item) => item.publishedAt ?? now)
  const newStoryIds = await allocateStoryIds(db, items.length)
  if (matcher === undefined) {
    const placed = placeItems(items, sortAts, items.map(() => []), newStoryIds, matcher)
    await writePlaced(db, feedId, placed, newStoryIds, now)
    return placed.map((p) => p.rule)
  }
  // Looking up, choosing and writing run beside other writers, and two of them storing one new story from
  // two feeds would each start it. So each then takes turns on the lock until it commits, and reads there
  // the batches of items committed since its lookup: exactly the copies it could not see.
  const probes = items.flatMap((item, n) => item.match ? [{ match: item.match, sortAt: sortAts[n]! }] : [])
  const seenBatch = await lastItemBatch(db)
  const stored = await findStoryCandidatesForEach(db, probes, matcher.windowMs)
  let placed = placeItems(items, sortAts, stored, newStoryIds, matcher)
  const itemIds = await writePlaced(db, feedId, placed, newStoryIds, now)
  await sql`select pg_advisory_xact_lock(${STORY_LOCK})`.execute(db)
  const late = await recordItemBatch(db, [...itemIds.values()], probes, matcher.windowMs, seenBatch, now)
  if (late.some((candidates) => candidates.length > 0)) {
    const again = placeItems(items, sortAts, stored.map((candidates, n) => [...late[n]!, ...candidates]), newStoryIds, matcher)
    await movePlaced(db, placed, again, itemIds, newStoryIds)
    placed = again
  }
  const copiesOf = countBy(placed.map((p) => p.storyId))
  await widenStories(db, placed.filter((p, n) => p.storyId !== newStoryIds[n] || copiesOf.get(p.storyId)! > 1))
  return placed.map((p) => p.rule)
}

/** Inserts the stories the placed items start, the items and their match keys; returns the inserted items' ids by item key. */
async function writePlaced(
  db: Executor, feedId: number, placed: readonly Placed[], newStoryIds: readonly string[], now: Date,
): Promise<Map<string, string>> {
  await insertStories(db, placed.filter((p, n) => p.storyId === newStoryIds[n]))
  const inserted = new Map<string, string>()
  for (let start = 0; start < placed.length; start += ITEMS_PER_INSERT) {
    const rows = await db
      .insertInto('items')
      .values(placed.slice(start, start + ITEMS_PER_INSERT).map(({ item, storyId, rule, distance }) => ({
        ...itemColumns(item), ...featureColumns(item.match?.features), feed_id: feedId, item_key: item.itemKey, story_id: storyId,
        first_seen_at: now, last_seen_at: now, match_rule: rule, match_distance: distance,
      })))
      .onConflict((oc) => oc.columns(['feed_id', 'item_key']).doNothing())
      .returning(['id', 'item_key'])
      .execute()
    for (const row of rows) inserted.set(row.item_key, row.id)
  }
  await insertMatchKeys(db, placed.flatMap((p) => {
    const itemId = inserted.get(p.item.itemKey)
    return itemId === undefined ? [] : [{ itemId, sortAt: p.sortAt, match: p.item.match }]
  }))
  return inserted
}

/** Starts the stories of `started`, each dated by the item that starts it. */
async function insertStories(db: Executor, started: readonly Placed[]): Promise<void> {
  if (started.length === 0) return
  await sql`insert into stories (id, published_at, updated_at, created_at) overriding system value
    select id, published_at, updated_at, published_at from unnest(
      ${started.map((p) => p.storyId)}::bigint[], ${started.map((p) => p.sortAt.toISOString())}::timestamptz[],
      ${started.map((p) => p.updatedAt.toISOString())}::timestamptz[]) as s(id, published_at, updated_at)`.execute(db)
}

/**
 * Turns the written placement `before` into `after`: starts the stories only `after` starts, moves the
 * items whose story or rule changed, and deletes the stories only `before` started (nothing else can
 * point at them: they are not committed yet).
 */
async function movePlaced(
  db: Executor, before: readonly Placed[], after: readonly Placed[], itemIds: ReadonlyMap<string, string>, newStoryIds: readonly string[],
): Promise<void> {
  const startedBy = (placed: readonly Placed[]) => new Set(placed.flatMap((p, n) => (p.storyId === newStoryIds[n] ? [p.storyId] : [])))
  const startedBefore = startedBy(before)
  const startedAfter = startedBy(after)
  await insertStories(db, after.filter((p, n) => p.storyId === newStoryIds[n] && !startedBefore.has(p.storyId)))
  const moved = after.flatMap((p, n) => {
    const id = itemIds.get(p.item.itemKey)
    const was = before[n]!
    return id !== undefined && (p.storyId !== was.storyId || p.rule !== was.rule || p.distance !== was.distance) ? [{ id, p }] : []
  })
  if (moved.length > 0) {
    await sql`update items i set story_id = m.story_id, match_rule = m.rule, match_distance = m.distance
      from unnest(${moved.map((m) => m.id)}::bigint[], ${moved.map((m) => m.p.storyId)}::bigint[], ${moved.map((m) => m.p.rule)}::text[],
        ${moved.map((m) => m.p.distance)}::integer[]) as m(id, story_id, rule, distance)
      where i.id = m.id`.execute(db)
  }
  const unused = [...startedBefore].filter((id) => !startedAfter.has(id))
  if (unused.length > 0) await sql`delete from stories where id = any(${unused}::bigint[])`.execute(db)
}

/**
 * Places a document's new items in document order: each joins the story `matcher` picks among its
 * stored candidates (one list per item with match data, in order) and the items placed before it, or
 * starts the story reserved for it. Pure.
 */
function placeItems(
  items: readonly StorableItem[], sortAts: readonly Date[], stored: readonly StoryCandidate[][], newStoryIds: readonly string[], matcher: StoryMatcher | undefined,
): Placed[] {
  const placed: Placed[] = []
  const placedByKey = new PlacedIndex()
  let probe = 0
  for (const [n, item] of items.entries()) {
    const sortAt = sortAts[n]!
    const updatedAt = laterOf(item.updatedAt, sortAt)
    const choice = item.match === undefined || matcher === undefined
      ? null
      : matcher.choose(item.match.features, [...stored[probe++]!, ...placedByKey.candidates(item.match, sortAt, matcher.windowMs)]
        .sort((a, b) => b.features.publishedAt.getTime() - a.features.publishedAt.getTime()).slice(0, MAX_STORY_CANDIDATES))
    const p: Placed = { item, sortAt, updatedAt, storyId: choice?.storyId ?? newStoryIds[n]!, rule: choice?.rule ?? 'first', distance: choice?.distance ?? null }
    placed.push(p)
    placedByKey.add(p)
  }
  return placed
}

/** Items columns are ~20 parameters a row: well under PostgreSQL's 65,535 per statement. */
const ITEMS_PER_INSERT = 1000

/** Reserves ids for stories that may be started, so items can point at them before they are inserted. */
async function allocateStoryIds(db: Executor, count: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select nextval(pg_get_serial_sequence('stories', 'id'))::text as id from generate_series(1, ${count})`.execute(db)
  return rows.map((row) => row.id)
}

/**
 * The new items placed so far in one document, indexed by their match keys, so that each item looks
 * only at the items it shares a key with: linear in the document however many items it has. A key
 * keeps its MAX_STORY_CANDIDATES latest items, as the stored candidates are capped (a document of
 * thousands of items under one title must not compare each with all before it).
 */
class PlacedIndex {
  // Each placed item once as a candidate (made when it is placed, not per lookup), with its sort time.
  readonly #byKey = new Map<string, { readonly candidate: StoryCandidate; readonly sortAt: number }[]>()

  add(p: Placed): void {
    const match = p.item.match
    if (match === undefined) return
    const entry = { candidate: { storyId: p.storyId, features: { ...match.features, publishedAt: p.sortAt } }, sortAt: p.sortAt.getTime() }
    for (const key of new Set([...match.linkKeys, ...match.keys])) {
      const list = this.#byKey.get(key)
      if (list === undefined) this.#byKey.set(key, [entry])
      else if (list.push(entry) > 2 * MAX_STORY_CANDIDATES) list.splice(0, MAX_STORY_CANDIDATES)
    }
  }

  /** Placed items sharing a link key with `match`, or another key within ±windowMs of sortAt; each once. */
  candidates(match: ItemMatchData, sortAt: Date, windowMs: number): StoryCandidate[] {
    const found = new Set<StoryCandidate>()
    for (const key of match.linkKeys) for (const entry of this.#latest(key)) found.add(entry.candidate)
    for (const key of match.keys) {
      for (const entry of this.#latest(key)) if (Math.abs(entry.sortAt - sortAt.getTime()) <= windowMs) found.add(entry.candidate)
    }
    return [...found]
  }

  #latest(key: string) {
    const list = this.#byKey.get(key) ?? []
    return list.length > MAX_STORY_CANDIDATES ? list.slice(-MAX_STORY_CANDIDATES) : list
  }
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

/** A joined story takes the earliest date and the newest edit among its copies. */
async function widenStories(db: Executor, joined: readonly Placed[]): Promise<void> {
  const byStory = new Map<string, { publishedAt: Date; updatedAt: Date }>()
  for (const p of joined) {
    const seen = byStory.get(p.storyId)
    byStory.set(p.storyId, {
      publishedAt: seen === undefined || p.sortAt < seen.publishedAt ? p.sortAt : seen.publishedAt,
      updatedAt: seen === undefined || p.updatedAt > seen.updatedAt ? p.updatedAt : seen.updatedAt,
    })
  }
  if (byStory.size === 0) return
  const rows = [...byStory]
  // One statement however many stories the document joined.
  await sql`update stories s set published_at = least(s.published_at, v.published_at), updated_at = greatest(s.updated_at, v.updated_at)
    from unnest(${rows.map(([id]) => id)}::bigint[], ${rows.map(([, d]) => d.publishedAt.toISOString())}::timestamptz[],
      ${rows.map(([, d]) => d.updatedAt.toISOString())}::timestamptz[]) as v(id, published_at, updated_at)
    where s.id = v.id`.execute(db)
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

function laterOf(a: Date | null, b: Date): Date {
  return a !== null && a > b ? a : b
}
