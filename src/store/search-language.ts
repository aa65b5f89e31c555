import { sql } from 'kysely'
import { InputError } from '../errors.js'
import type { Executor } from './executor.js'

/** Items re-indexed per statement when the language changes, so no single transaction grows huge. */
const REINDEX_BATCH = 5000

/**
 * Makes `language` (a PostgreSQL text search configuration such as `english`, `german`, `simple`)
 * the one search uses, re-indexing every item when it changes. Returns how many items were
 * re-indexed. Throws InputError for a configuration the database does not have.
 */
export async function ensureSearchLanguage(db: Executor, language: string): Promise<number> {
  const known = await sql<{ n: string }>`select count(*) as n from pg_ts_config where cfgname = ${language}`.execute(db)
  if (Number(known.rows[0]?.n ?? 0) === 0) throw new InputError(`TRIBUTARY_SEARCH_LANGUAGE: the database has no text search configuration "${language}"`)
  const current = await db.selectFrom('settings').select('value').where('key', '=', 'search_language').executeTakeFirst()
  if (current?.value === language) return 0
  await db.insertInto('settings').values({ key: 'search_language', value: language })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: language })).execute()
  let reindexed = 0
  let lastId = '0'
  for (;;) {
    // Setting the vector to null fires the trigger, which recomputes it in the new language.
    const { rows } = await sql<{ id: string }>`
      update items set search_vector = null
      where id in (select id from items where id > ${lastId} order by id limit ${REINDEX_BATCH})
      returning id`.execute(db)
    if (rows.length === 0) return reindexed
    reindexed += rows.length
    lastId = rows.reduce((max, r) => (BigInt(r.id) > BigInt(max) ? r.id : max), lastId)
  }
}
