import { sql } from 'kysely'
import type { ItemMatchData, StoryCandidate, StoryFeatures } from '../model/index.js'
import type { Executor } from './executor.js'

/**
 * The most candidates one new item is compared with. Keys are specific (a link, a title, 16 bits of a
 * fingerprint within a few days), so a bucket this full means a crowded template, and the newest copies
 * are the likeliest matches; the cap keeps matching one item bounded however large the store grows.
 */
export const MAX_STORY_CANDIDATES = 200

/** A new item looking for its story: its match data and its sort time. */
export interface CandidateProbe {
  readonly match: ItemMatchData
  readonly sortAt: Date
}

/** Stored items sharing a match key with the new item: link keys at any date, other keys within ±windowMs of sortAt; newest first. */
export async function findStoryCandidates(db: Executor, match: ItemMatchData, sortAt: Date, windowMs: number): Promise<StoryCandidate[]> {
  const [candidates] = await findStoryCandidatesForEach(db, [{ match, sortAt }], windowMs)
  return candidates!
}

/**
 * findStoryCandidates for every probe in one round trip: one union branch per probe, each with its keys
 * written out as a list (a lateral join over an array parameter was planned as a scan of every item).
 * Each probe gets its own newest MAX_STORY_CANDIDATES, in the order given.
 */
export async function findStoryCandidatesForEach(db: Executor, probes: readonly CandidateProbe[], windowMs: number): Promise<StoryCandidate[][]> {
  const byProbe: StoryCandidate[][] = probes.map(() => [])
  // Built a query at a time: a document of tens of thousands of items would otherwise hold every
  // branch's query tree at once.
  const branchOf = (probe: CandidateProbe, idx: number) => {
    const { linkKeys, keys } = probe.match
    if (linkKeys.length === 0 && keys.length === 0) return []
    const from = new Date(probe.sortAt.getTime() - windowMs)
    const to = new Date(probe.sortAt.getTime() + windowMs)
    const conditions = [
      ...(linkKeys.length > 0 ? [sql`k.key in (${sql.join(linkKeys)})`] : []),
      ...(keys.length > 0 ? [sql`(k.key in (${sql.join(keys)}) and k.sort_at between ${from} and ${to})`] : []),
    ]
    // The keys are looked up first (an init plan) and the items then by id: with stale statistics, as
    // right after a bulk ingest, a join let the planner walk every item in date order instead.
    return [sql`(select ${sql.lit(idx)} as idx, i.id, i.story_id, i.feed_id, i.url_key, i.norm_title, i.fingerprint,
        i.lead_fingerprint, i.fingerprint_version, i.text_words, i.sort_at
      from items i
      where i.id = any(array(select k.item_id from item_match_keys k where ${sql.join(conditions, sql` or `)}))
      order by i.sort_at desc, i.id desc
      limit ${sql.lit(MAX_STORY_CANDIDATES)})`]
  }
  for (let start = 0; start < probes.length; start += PROBES_PER_QUERY) {
    const branches = probes.slice(start, start + PROBES_PER_QUERY).flatMap((probe, n) => branchOf(probe, start + n))
    if (branches.length === 0) continue
    const { rows } = await sql<CandidateRow>`${sql.join(branches, sql` union all `)}`.execute(db)
    for (const row of rows) {
      if (row.norm_title === null || row.text_words === null) continue
      byProbe[row.idx]!.push({ storyId: row.story_id, features: storedFeatures(row) })
    }
  }
  return byProbe.map(newestFirst)
}

/** Union branches and batches come back in any order; the matcher expects newest first. */
function newestFirst(candidates: StoryCandidate[]): StoryCandidate[] {
  return candidates.sort((a, b) => b.features.publishedAt.getTime() - a.features.publishedAt.getTime())
}

/** The last item batch committed (see recordItemBatch), '0' when there is none. */
export async function lastItemBatch(db: Executor): Promise<string> {
  const { rows: [row] } = await sql<{ seq: string }>`select coalesce(max(seq), 0)::text as seq from item_batches`.execute(db)
  return row?.seq ?? '0'
}

/** Batches are read only by writers that started before them; a day is far longer than any document takes to store. */
const ITEM_BATCH_LIFETIME_MS = 24 * 60 * 60 * 1000

/**
 * Records `itemIds` as the next item batch and returns, per probe, the candidates among the items of
 * the batches committed after `afterBatch`, by the rules of findStoryCandidatesForEach. Called under
 * the story lock just before the transaction commits, so batches are numbered in commit order and
 * those after `afterBatch` are exactly the items other writers stored since that lookup. One round trip.
 */
export async function recordItemBatch(
  db: Executor, itemIds: readonly string[], probes: readonly CandidateProbe[], windowMs: number, afterBatch: string, now: Date,
): Promise<StoryCandidate[][]> {
  const keys = [...new Set(probes.flatMap((probe) => [...probe.match.linkKeys, ...probe.match.keys]))]
  // Ids go from step to step as arrays (init plans), so each step is an index lookup of a few rows: with
  // the statistics of a fast-growing table, joins were planned as scans of every item (1.7 s a document
  // at 230,000 items, against 3 ms now).
  const { rows } = await sql<BatchCandidateRow>`
    with pruned as (delete from item_batches where stored_at < ${new Date(now.getTime() - ITEM_BATCH_LIFETIME_MS)}),
      added as (insert into item_batches (item_ids, stored_at) values (${itemIds}::bigint[], ${now})),
      hits as materialized (
        select key, sort_at, item_id from item_match_keys
        where item_id = any(array(select unnest(item_ids) from item_batches where seq > ${afterBatch})) and key = any(${keys}::text[]))
    select h.key, h.sort_at as key_sort_at, i.id, i.story_id, i.feed_id, i.url_key, i.norm_title, i.fingerprint,
      i.lead_fingerprint, i.fingerprint_version, i.text_words, i.sort_at
    from items i join hits h on h.item_id = i.id
    where i.id = any(array(select item_id from hits))`.execute(db)
  const byKey = new Map<string, BatchCandidateRow[]>()
  for (const row of rows) {
    if (row.norm_title === null || row.text_words === null) continue
    const list = byKey.get(row.key)
    if (list === undefined) byKey.set(row.key, [row])
    else list.push(row)
  }
  return probes.map(({ match, sortAt }) => {
    const found = new Map<string, StoryCandidate>()
    const add = (row: BatchCandidateRow) => found.set(row.id, { storyId: row.story_id, features: storedFeatures(row) })
    for (const key of match.linkKeys) for (const row of byKey.get(key) ?? []) add(row)
    for (const key of match.keys) {
      for (const row of byKey.get(key) ?? []) if (Math.abs(new Date(row.key_sort_at).getTime() - sortAt.getTime()) <= windowMs) add(row)
    }
    return newestFirst([...found.values()]).slice(0, MAX_STORY_CANDIDATES)
  })
}

interface BatchCandidateRow extends StoredFeatureColumns {
  id: string
  story_id: string
  key: string
  key_sort_at: Date | string
}

/** The features kept in an items row with them (norm_title and text_words not null). */
export function storedFeatures(row: StoredFeatureColumns): StoryFeatures {
  return {
    feedId: row.feed_id,
    urlKey: row.url_key,
    title: row.norm_title!,
    fingerprint: row.fingerprint,
    leadFingerprint: row.lead_fingerprint,
    // Null: stored before versions were kept, when there was only version 1.
    fingerprintVersion: row.fingerprint_version ?? 1,
    textLength: row.text_words!,
    publishedAt: new Date(row.sort_at),
  }
}

/** The items columns storedFeatures reads. */
export interface StoredFeatureColumns {
  feed_id: number
  url_key: string | null
  norm_title: string | null
  fingerprint: string | null
  lead_fingerprint: string | null
  fingerprint_version: number | null
  text_words: number | null
  sort_at: Date | string
}

/** About 20 parameters a probe: well under PostgreSQL's 65,535 per statement. */
const PROBES_PER_QUERY = 100

interface CandidateRow extends StoredFeatureColumns {
  idx: number
  id: string
  story_id: string
}

/** The items columns that keep an item's features; all null without match data. */
export function featureColumns(features: StoryFeatures | undefined) {
  return {
    url_key: features?.urlKey ?? null,
    norm_title: features?.title ?? null,
    fingerprint: features?.fingerprint ?? null,
    lead_fingerprint: features?.leadFingerprint ?? null,
    fingerprint_version: features?.fingerprintVersion ?? null,
    text_words: features?.textLength ?? null,
  }
}

/** Indexes new items under their match keys, in one statement per few thousand keys; `sortAt` is each item's stored sort time. */
export async function insertMatchKeys(
  db: Executor, items: readonly { itemId: string; sortAt: Date; match: ItemMatchData | undefined }[],
): Promise<void> {
  const rows = items.flatMap(({ itemId, sortAt, match }) =>
    match === undefined ? [] : [...new Set([...match.linkKeys, ...match.keys])].map((key) => ({ key, sort_at: sortAt, item_id: itemId })))
  for (let start = 0; start < rows.length; start += KEY_ROWS_PER_INSERT) {
    await db.insertInto('item_match_keys').values(rows.slice(start, start + KEY_ROWS_PER_INSERT)).execute()
  }
}

/** 3 parameters a row, well under PostgreSQL's 65,535 per statement. */
const KEY_ROWS_PER_INSERT = 5000

/** Re-indexes an edited item: its text, title or date may have changed. */
export async function replaceMatchKeys(db: Executor, itemId: string, sortAt: Date, match: ItemMatchData | undefined): Promise<void> {
  await db.deleteFrom('item_match_keys').where('item_id', '=', itemId).execute()
  await insertMatchKeys(db, [{ itemId, sortAt, match }])
}
