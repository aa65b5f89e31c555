import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { Migrator, sql, type Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { migrations } from '../../migrations/index.js'
import { isSchemaCurrent, kyselyOverPglite, migrateToLatest, MigrationError, openPostgres, type Database, type DatabaseKind } from '../../src/db/index.js'
import { silentLogger } from '../../src/log/index.js'
import { databaseUrlFor, withAdmin } from '../helpers/database-url.js'
import { testDatabaseKinds } from '../helpers/test-database.js'

const NAMES = Object.keys(migrations)

/** How many times each migration is recorded as applied. */
async function appliedCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const { rows } = await sql<{ name: string; n: number }>`select name, count(*)::int as n from kysely_migration group by name`.execute(db)
  return new Map(rows.map((r) => [r.name, r.n]))
}

describe.each(testDatabaseKinds())('migrateToLatest on %s', (kind: DatabaseKind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  /** A database with no tables at all, and a function opening one more connection pool to it (PostgreSQL only). */
  async function freshDatabase(): Promise<{ db: Kysely<Database>; another: (() => Kysely<Database>) | null }> {
    if (kind === 'pglite') {
      const pglite = new PGlite()
      const db = kyselyOverPglite(pglite)
      cleanups.push(async () => { await db.destroy(); await pglite.close() })
      return { db, another: null }
    }
    const serverUrl = process.env.TEST_DATABASE_URL!
    const name = `tributary_test_migrate_${randomBytes(4).toString('hex')}`
    await withAdmin(serverUrl, (admin) => admin.query(`create database ${name}`))
    cleanups.push(() => withAdmin(serverUrl, async (admin) => void (await admin.query(`drop database if exists ${name} with (force)`))))
    const open = () => {
      const handle = openPostgres(databaseUrlFor(serverUrl, name), silentLogger())
      cleanups.push(() => handle.close())
      return handle.db
    }
    return { db: open(), another: open }
  }

  it('applies every migration to a fresh database, then finds nothing pending', async () => {
    const { db } = await freshDatabase()
    expect(await isSchemaCurrent(db)).toBe(false)
    expect(await migrateToLatest(db)).toEqual(NAMES)
    expect(await isSchemaCurrent(db)).toBe(true)
    expect(await migrateToLatest(db)).toEqual([])
    expect([...(await appliedCounts(db)).values()].every((n) => n === 1)).toBe(true)
  })

  it('applies only the pending migrations of a database some versions behind', async () => {
    const { db } = await freshDatabase()
    const behind = NAMES.length - 3
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(NAMES[behind - 1]!)
    expect(error).toBeUndefined()
    expect(await isSchemaCurrent(db)).toBe(false)
    expect(await migrateToLatest(db)).toEqual(NAMES.slice(behind))
    expect(await isSchemaCurrent(db)).toBe(true)
  })

  it('rejects a database holding a migration this build does not know, as before; /readyz still counts it current', async () => {
    const { db } = await freshDatabase()
    await migrateToLatest(db)
    await sql`insert into kysely_migration (name, timestamp) values ('2099_01_01_000000_from_a_newer_build', '2099-01-01T00:00:00.000Z')`.execute(db)
    await expect(migrateToLatest(db)).rejects.toBeInstanceOf(MigrationError)
    expect(await isSchemaCurrent(db)).toBe(true)
  })

  // Several processes need several connections to one database: PostgreSQL only (an in-memory PGlite has one).
  if (kind === 'postgres') {
    it('applies each migration once when processes start together on a fresh database', async () => {
      const { db, another } = await freshDatabase()
      const pools = [db, another!(), another!()]
      const applied = await Promise.all(pools.map((p) => migrateToLatest(p)))
      expect(applied.flat().sort()).toEqual([...NAMES].sort())
      const counts = await appliedCounts(db)
      expect(NAMES.every((name) => counts.get(name) === 1)).toBe(true)
    })
  }
})
