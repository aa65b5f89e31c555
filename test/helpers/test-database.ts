import fs from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, inject } from 'vitest'
import { kyselyOverPglite, openPostgres, type Database, type DatabaseKind } from '../../src/db/index.js'
import { silentLogger } from '../../src/log/index.js'
import { databaseUrlFor } from './database-url.js'

/** The engines every storage test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

/** A migrated database of its own for one test file. */
export interface TestDatabase {
  readonly kind: DatabaseKind
  readonly db: Kysely<Database>
  /** Connection string of a server database; null for PGlite. */
  readonly url: string | null
  close(): Promise<void>
}

/** Opens a fresh copy of the migrated template on the given engine. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const tarball = await fs.readFile(inject('pgliteTemplate'))
    const pglite = new PGlite({ loadDataDir: new Blob([tarball]) })
    const db = kyselyOverPglite(pglite)
    return { kind, db, url: null, close: async () => { await db.destroy(); await pglite.close() } }
  }
  const serverUrl = process.env.TEST_DATABASE_URL
  const template = inject('postgresTemplate')
  if (!serverUrl || template === null) throw new Error('test database: TEST_DATABASE_URL is not set')
  const name = `tributary_test_${process.ppid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name} template ${template}`)
  await admin.end()
  const url = databaseUrlFor(serverUrl, name)
  const handle = openPostgres(url, silentLogger())
  return { kind, db: handle.db, url, close: () => handle.close() }
}

/** Empties every table but keeps the "all" collection, as a fresh migration leaves it. */
export async function resetDatabase(db: Kysely<Database>): Promise<void> {
  await sql`truncate items, item_match_keys, item_tombstones, item_batches, stories, collection_feeds, feeds restart identity cascade`.execute(db)
  await db.deleteFrom('collections').where('name', '<>', 'all').execute()
}

/**
 * Registers hooks that open a database of `kind` for the enclosing describe block, empty it before
 * each test, and close it after; returns a getter for the open database.
 */
export function useTestDatabase(kind: DatabaseKind): () => TestDatabase {
  let current: TestDatabase | undefined
  beforeAll(async () => {
    current = await openTestDatabase(kind)
  })
  beforeEach(async () => {
    if (current) await resetDatabase(current.db)
  })
  afterAll(async () => {
    await current?.close()
  })
  return () => {
    if (current === undefined) throw new Error('test database: not open yet')
    return current
  }
}
