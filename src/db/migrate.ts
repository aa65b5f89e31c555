import { Migrator, type Kysely } from 'kysely'
import { migrations } from '../../migrations/index.js'
import { MigrationError } from './errors.js'

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

/** Runs every pending migration; returns the names applied now. Throws MigrationError naming the one that failed. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error !== undefined || failed !== undefined) {
    throw new MigrationError(`db: migration ${failed?.migrationName ?? '(setup)'} failed`, { cause: error })
  }
  return (results ?? []).map((r) => r.migrationName)
}

/** True when every known migration has been applied; used by /readyz. */
export async function isSchemaCurrent(db: Kysely<any>): Promise<boolean> {
  const all = await migrator(db).getMigrations()
  return all.every((m) => m.executedAt !== undefined)
}
