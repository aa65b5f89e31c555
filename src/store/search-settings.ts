import { sql } from 'kysely'
import { InputError } from '../errors.js'
import type { Executor } from './executor.js'

/** Items re-indexed per statement when a search setting changes, so no single transaction grows huge. */
const REINDEX_BATCH = 5000

/** What the search vector of an item is built from (TRIBUTARY_SEARCH_LANGUAGE, TRIBUTARY_SEARCH_CONTENT_CHARS). */
export interface SearchSettings {
  /** A PostgreSQL text search configuration such as `english`, `german`, `simple`. */
  readonly language: string
  /** How much of the content's HTML is indexed besides the title and summary, in characters. */
  readonly contentChars: number
}

/**
 * Makes `settings` the ones the search vector is built with, re-indexing every item when either
 * changed. Returns how many items were re-indexed. Throws InputError for a configuration the database
 * does not have.
 */
export async function ensureSearchSettings(db: Executor, settings: SearchSettings): Promise<number> {
  const known = await sql<{ n: string }>`select count(*) as n from pg_ts_config where cfgname = ${settings.language}`.execute(db)
  if (Number(known.rows[0]?.n ?? 0) === 0) throw new InputError(`TRIBUTARY_SEARCH_LANGUAGE: the database has no text search configuration "${settings.language}"`)
  const wanted: Record<string, string> = { search_language: settings.language, search_content_chars: String(settings.contentChars) }
  const stored = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.keys(wanted)).execute()
  if (stored.length === 2 && stored.every((row) => wanted[row.key] === row.value)) return 0
  for (const [key, value] of Object.entries(wanted)) {
    await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute()
  }
  let reindexed = 0
  let lastId = '0'
  for (;;) {
    // Setting the vector to null fires the trigger, which recomputes it with the new settings.
    const { rows } = await sql<{ id: string }>`
      update items set search_vector = null
      where id in (select id from items where id > ${lastId} order by id limit ${REINDEX_BATCH})
      returning id`.execute(db)
    if (rows.length === 0) return reindexed
    reindexed += rows.length
    lastId = rows.reduce((max, r) => (BigInt(r.id) > BigInt(max) ? r.id : max), lastId)
  }
}
