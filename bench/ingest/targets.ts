import { rmSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { BENCH_SERVER_URL, type Engine } from './options.js'

/** The few queries the benchmark runs itself, on either engine. */
export interface SqlClient {
  query<T>(text: string): Promise<T[]>
  close(): Promise<void>
}

/** A database the CLI ingests into: how to point the CLI at it, empty it, and look inside. */
export interface Target {
  readonly engine: Engine
  /** The database's name on the bench server (PostgreSQL), null for the embedded one. */
  readonly serverDatabase: string | null
  /** Environment that selects this database for `bin/tributary.js`. */
  readonly env: Readonly<Record<string, string>>
  /** Drops everything: the next CLI command starts from an empty, unmigrated database. */
  reset(): Promise<void>
  /** Opens a client. On PGlite only while no CLI process has the data dir open (it has no lock of its own). */
  open(): Promise<SqlClient>
  /** Frees what the target holds on disk or on the server. */
  dispose(): Promise<void>
}

/** Opens a client on `databaseName` of the bench server (`postgres` when null). */
export async function openServerClient(databaseName: string | null): Promise<SqlClient> {
  const client = new pg.Client({ connectionString: serverUrl(databaseName) })
  await client.connect()
  return {
    query: async <T>(text: string) => (await client.query(text)).rows as T[],
    close: () => client.end(),
  }
}

/** The bench server's URL with its database replaced by `databaseName` (unchanged when null). */
export function serverUrl(databaseName: string | null): string {
  const url = new URL(BENCH_SERVER_URL)
  if (databaseName !== null) url.pathname = `/${databaseName}`
  return url.toString()
}

/** Drops and recreates `databaseName` on the bench server, empty. */
export async function recreateServerDatabase(databaseName: string): Promise<void> {
  const admin = await openServerClient(null)
  try {
    await admin.query(`drop database if exists ${databaseName} with (force)`)
    await admin.query(`create database ${databaseName}`)
  } finally {
    await admin.close()
  }
}

/** Drops `databaseName` from the bench server. */
export async function dropServerDatabase(databaseName: string): Promise<void> {
  const admin = await openServerClient(null)
  try {
    await admin.query(`drop database if exists ${databaseName} with (force)`)
  } finally {
    await admin.close()
  }
}

/** PostgreSQL: a database of its own on the bench server, recreated per configuration. */
export function postgresTarget(databaseName: string): Target {
  return {
    engine: 'pg',
    serverDatabase: databaseName,
    env: { DATABASE_URL: serverUrl(databaseName) },
    reset: () => recreateServerDatabase(databaseName),
    open: () => openServerClient(databaseName),
    // Left in place after the run, for a look inside; the next run recreates it.
    dispose: async () => {},
  }
}

/** PGlite: TRIBUTARY_DATA_DIR=`dataDir`; the CLI keeps the cluster in `dataDir`/pgdata (src/db/open-database.ts). */
export function pgliteTarget(dataDir: string): Target {
  return {
    engine: 'pglite',
    serverDatabase: null,
    env: { TRIBUTARY_DATA_DIR: dataDir },
    reset: async () => rmSync(dataDir, { recursive: true, force: true }),
    open: () => openPglite(path.join(dataDir, 'pgdata')),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

/** Opens (or creates) an on-disk PGlite cluster in `pgdata`. */
export async function openPglite(pgdata: string): Promise<SqlClient & { readonly pglite: PGlite }> {
  const pglite = new PGlite({ dataDir: pgdata })
  await pglite.waitReady
  return {
    pglite,
    query: async <T>(text: string) => (await pglite.query<T>(text)).rows,
    close: () => pglite.close(),
  }
}

/** Runs `body` with a client of `target` open, and closes it. */
export async function withClient<T>(target: Target, body: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await target.open()
  try {
    return await body(client)
  } finally {
    await client.close()
  }
}

/** Makes every feed due now, as the issue prescribes between passes. */
export async function makeAllFeedsDue(client: SqlClient): Promise<void> {
  await client.query('update feeds set next_fetch_at = now(), retry_after = null')
}

/** What the database holds after a pass. */
export interface StoreCounts {
  readonly feeds: number
  readonly items: number
  readonly stories: number
  /** Items per feed URL. */
  readonly itemsByFeedUrl: ReadonlyMap<string, number>
  /** Feeds whose last fetch failed, by error code. */
  readonly failedByCode: ReadonlyMap<string, number>
}

/** Counts feeds, items, stories, items per feed and failing feeds. */
export async function countStore(client: SqlClient): Promise<StoreCounts> {
  const perFeed = await client.query<{ url: string; items: number }>(
    'select f.url, count(i.id)::int as items from feeds f left join items i on i.feed_id = f.id group by f.url',
  )
  const [stories] = await client.query<{ count: number }>('select count(*)::int as count from stories')
  const failed = await client.query<{ code: string; count: number }>(
    'select last_error_code as code, count(*)::int as count from feeds where last_error_code is not null group by 1 order by 2 desc',
  )
  return {
    feeds: perFeed.length,
    items: perFeed.reduce((sum, row) => sum + row.items, 0),
    stories: stories?.count ?? 0,
    itemsByFeedUrl: new Map(perFeed.map((row) => [row.url, row.items])),
    failedByCode: new Map(failed.map((row) => [row.code, row.count])),
  }
}

/** The engine's version line, for the report header. */
export async function engineVersion(client: SqlClient): Promise<string> {
  const [row] = await client.query<{ version: string }>('select version() as version')
  return (row?.version ?? '?').replace(/ on .*$/, '').replace(/,.*$/, '')
}
