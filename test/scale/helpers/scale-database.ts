import { randomBytes } from 'node:crypto'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { inject } from 'vitest'
import { openPostgres, type Database } from '../../../src/db/index.js'
import { silentLogger } from '../../../src/log/index.js'
import { databaseUrlFor, withAdmin } from '../../helpers/database-url.js'

/** A database of its own on the TEST_DATABASE_URL server, for the worker processes of one test file. */
export interface ScaleDatabase {
  /** What the workers get as DATABASE_URL. */
  readonly url: string
  /** The test's own connection, for setting up and checking. */
  readonly db: Kysely<Database>
  /** Closes the test's connection and drops the database (ending any session left on it). */
  drop(): Promise<void>
}

/** Creates `tributary_scale_<random>` from the migrated template of the global setup; throws without TEST_DATABASE_URL. */
export async function createScaleDatabase(): Promise<ScaleDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL
  const template = inject('postgresTemplate')
  if (!serverUrl || template === null) throw new Error('scale database: TEST_DATABASE_URL is not set')
  const name = `tributary_scale_${randomBytes(4).toString('hex')}`
  await withAdmin(serverUrl, (admin) => admin.query(`create database ${name} template ${template}`))
  const url = databaseUrlFor(serverUrl, name)
  const handle = openPostgres(url, silentLogger())
  return {
    url,
    db: handle.db,
    async drop() {
      await handle.close()
      await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`))
    },
  }
}

/** What the items, stories and leases of a database add up to. */
export interface StoredTotals {
  readonly items: number
  readonly stories: number
  /** (feed_id, item_key) pairs stored more than once; the unique index should make this empty. */
  readonly duplicateItems: readonly { feed_id: number; item_key: string; copies: number }[]
  /** Stories no item belongs to (started for an item that was then not stored). */
  readonly emptyStories: number
  /** Feeds whose lease_owner is set. */
  readonly leasedFeeds: number
  /** Feeds with a recorded fetch error. */
  readonly failedFeeds: readonly { url: string; last_error_code: string | null; last_error_message: string | null }[]
}

/** Counts what the workers stored; reads only. */
export async function storedTotals(db: Kysely<Database>): Promise<StoredTotals> {
  const count = async (query: RawBuilder<{ n: string }>): Promise<number> => Number((await query.execute(db)).rows[0]?.n ?? 0)
  const duplicates = await sql<{ feed_id: number; item_key: string; copies: number }>`
    select feed_id, item_key, count(*)::int as copies from items group by feed_id, item_key having count(*) > 1`.execute(db)
  const failed = await sql<{ url: string; last_error_code: string | null; last_error_message: string | null }>`
    select url, last_error_code, last_error_message from feeds where error_count > 0 or last_error_code is not null order by id`.execute(db)
  return {
    items: await count(sql`select count(*) as n from items`),
    stories: await count(sql`select count(*) as n from stories`),
    duplicateItems: duplicates.rows,
    emptyStories: await count(sql`select count(*) as n from stories s where not exists (select 1 from items i where i.story_id = s.id)`),
    leasedFeeds: await count(sql`select count(*) as n from feeds where lease_owner is not null`),
    failedFeeds: failed.rows,
  }
}

/** Items stored per feed URL (feeds without items included, with 0). */
export async function itemsPerFeed(db: Kysely<Database>): Promise<Map<string, number>> {
  const { rows } = await sql<{ url: string; n: number }>`
    select f.url, count(i.id)::int as n from feeds f left join items i on i.feed_id = f.id group by f.url`.execute(db)
  return new Map(rows.map((row) => [row.url, row.n]))
}

/** For each item link, how many items and distinct stories carry it. */
export async function storiesByLink(db: Kysely<Database>, links: readonly string[]): Promise<Map<string, { items: number; stories: number }>> {
  const { rows } = await sql<{ url: string; items: number; stories: number }>`
    select url, count(*)::int as items, count(distinct story_id)::int as stories
    from items where url = any(${[...links]}::text[]) group by url`.execute(db)
  return new Map(rows.map((row) => [row.url, { items: row.items, stories: row.stories }]))
}

/** Makes every feed due now, as if its interval had passed. */
export async function makeEveryFeedDue(db: Kysely<Database>): Promise<void> {
  await sql`update feeds set next_fetch_at = now()`.execute(db)
}
