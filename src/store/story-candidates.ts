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
 * Each probe gets its own newest MAX_STORY_CANDIDATES, in the order given. With `afterItemId`, only
 * items of a higher id count (those stored since that one).
 */
export async function findStoryCandidatesForEach(
  db: Executor, probes: readonly CandidateProbe[], windowMs: number, afterItemId?: string,
): Promise<StoryCandidate[][]> {
  const byProbe: StoryCandidate[][] = probes.map(() => [])
  const newerThan = afterItemId === undefined ? sql`` : sql` and k.item_id > ${afterItemId}`
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
      where i.id = any(array(select k.item_id from item_match_keys k where (${sql.join(conditions, sql` or `)})${newerThan}))
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
  // Union branches come back in any order: newest first within each probe, as the matcher expects.
  for (const candidates of byProbe) candidates.sort((a, b) => b.features.publishedAt.getTime() - a.features.publishedAt.getTime())
  return byProbe
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
