import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type Kysely } from 'kysely'
import { migrations } from '../../migrations/index.js'
import { MigrationError } from './errors.js'

/** Every known migration name, in order. */
const KNOWN_NAMES: readonly string[] = Object.keys(migrations)
/** PostgreSQL's undefined_table: the migration table does not exist yet (a fresh database). */
const UNDEFINED_TABLE = '42P01'

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

/**
 * How the applied migrations compare with the known list, in one query: `applied` rows in the
 * migration table, `known` of them in this build's list. Null when the table does not exist yet.
 */
async function countApplied(db: Kysely<any>): Promise<{ applied: number; known: number } | null> {
  try {
    const { rows } = await sql<{ applied: number; known: number }>`
      select count(*)::int as applied, (count(*) filter (where name = any(${[...KNOWN_NAMES]}::text[])))::int as known
      from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db)
    return rows[0]!
  } catch (err: unknown) {
    if ((err as { code?: unknown }).code === UNDEFINED_TABLE) return null
    throw err
  }
}

/**
 * Runs every pending migration; returns the names applied now. Throws MigrationError naming the one that failed.
 *
 * One query tells whether the schema is exactly this build's: then nothing runs (the common case, every
 * CLI start). Otherwise kysely's migrator runs under its lock, re-reads what is applied there (so
 * processes starting together apply each migration once), applies what is pending and rejects a
 * database that holds migrations this build does not know.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const counts = await countApplied(db)
  if (counts !== null && counts.applied === KNOWN_NAMES.length && counts.known === KNOWN_NAMES.length) return []
  const { error, results } = await migrator(db).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error !== undefined || failed !== undefined) {
    throw new MigrationError(`db: migration ${failed?.migrationName ?? '(setup)'} failed`, { cause: error })
  }
  return (results ?? []).map((r) => r.migrationName)
}

/** True when every known migration has been applied (newer ones it does not know may be too); used by /readyz. */
export async function isSchemaCurrent(db: Kysely<any>): Promise<boolean> {
  const counts = await countApplied(db)
  return counts !== null && counts.known === KNOWN_NAMES.length
}
