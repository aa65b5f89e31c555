import { sql } from 'kysely'
import type { ItemMatchData, StoryFeatures } from '../model/index.js'
import type { Executor } from './executor.js'
import { insertMatchKeys, storedFeatures, type StoredFeatureColumns } from './story-candidates.js'

/** A stored item's text, as it was stored, and its stored features: what a fingerprint is recomputed from. */
export interface StoredItemText {
  readonly title: string
  readonly summary: string | null
  readonly contentHtml: string | null
  readonly features: StoryFeatures
}

interface OutdatedRow extends StoredFeatureColumns {
  id: string
  title: string
  summary: string | null
  content_html: string | null
}

/**
 * Recomputes the fingerprints of up to `limit` stored items whose fingerprint version is below
 * `version` (null counting as 1), newest first: the ones a new item can still be compared with come
 * first. `recompute` (dedupe refingerprintedMatchData) gives each item its new match data, which
 * replaces its text features, version and every match key. Rows another writer holds are skipped,
 * so two workers share the backlog instead of queueing on it. Run it in a transaction of its own: a
 * batch is recomputed whole or not at all. Returns how many items were recomputed.
 */
export async function refingerprintItems(
  db: Executor, version: number, limit: number, recompute: (item: StoredItemText) => ItemMatchData,
): Promise<number> {
  // `version` as a literal: the partial index items_outdated_fingerprint_idx is used only when the
  // planner sees the same constant as in its predicate.
  const { rows } = await sql<OutdatedRow>`
    select id, feed_id, title, summary, content_html, url_key, norm_title, fingerprint, lead_fingerprint, fingerprint_version,
      text_words, sort_at
    from items
    where coalesce(fingerprint_version, 1) < ${sql.lit(version)} and norm_title is not null
    order by sort_at desc
    limit ${limit}
    for update skip locked`.execute(db)
  if (rows.length === 0) return 0
  const done = rows.map((row) => ({
    id: row.id,
    sortAt: new Date(row.sort_at),
    match: recompute({ title: row.title, summary: row.summary, contentHtml: row.content_html, features: storedFeatures(row) }),
  }))
  const ids = done.map((d) => d.id)
  const features = done.map((d) => d.match.features)
  // Three statements per batch, however large: one update, one delete and one insert of the keys.
  await sql`update items i set fingerprint = v.fingerprint, lead_fingerprint = v.lead_fingerprint,
      fingerprint_version = v.fingerprint_version, text_words = v.text_words
    from unnest(${ids}::bigint[], ${features.map((f) => f.fingerprint)}::text[], ${features.map((f) => f.leadFingerprint)}::text[],
      ${features.map((f) => f.fingerprintVersion)}::smallint[], ${features.map((f) => f.textLength)}::integer[])
      as v(id, fingerprint, lead_fingerprint, fingerprint_version, text_words)
    where i.id = v.id`.execute(db)
  await sql`delete from item_match_keys where item_id = any(${ids}::bigint[])`.execute(db)
  await insertMatchKeys(db, done.map(({ id, sortAt, match }) => ({ itemId: id, sortAt, match })))
  return done.length
}
