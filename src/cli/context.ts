import { loadConfig, type Config, type ConfigFlags } from '../config/index.js'
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../db/index.js'
import { createLogger, type Logger } from '../log/index.js'
import { ensureSearchSettings, releaseAllLeases } from '../store/index.js'

/** What every command works with: validated config, the stderr logger and a migrated database. */
export interface CommandContext {
  readonly config: Config
  readonly log: Logger
  readonly database: DatabaseHandle
}

/**
 * Loads the config (flags over env), opens and migrates the database, runs `body`, and always closes
 * the database. Throws ConfigError, DataDirLockedError and whatever `body` throws.
 */
export async function withContext<T>(
  command: string,
  options: { flags?: ConfigFlags; defaultLogLevel?: string },
  body: (context: CommandContext) => Promise<T>,
): Promise<T> {
  const context = await openContext(command, options)
  try {
    return await body(context)
  } finally {
    await context.database.close()
  }
}

/** Opens a context that the caller closes (long-running commands close it on shutdown). */
export async function openContext(command: string, options: { flags?: ConfigFlags; defaultLogLevel?: string }): Promise<CommandContext> {
  const config = loadConfig(process.env, options.flags)
  const log = createLogger(config.logLevel ?? options.defaultLogLevel ?? 'warn')
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, command }, log)
  try {
    const applied = await migrateToLatest(database.db)
    if (applied.length > 0) log.info({ migrations: applied }, 'database migrated')
    const search = { language: config.searchLanguage, contentChars: config.searchContentChars }
    const reindexed = await ensureSearchSettings(database.db, search)
    if (reindexed > 0) log.info({ items: reindexed, ...search }, 'search index rebuilt for new search settings')
    // The embedded database has one process at a time (the lock file): a lease left now is a killed
    // process's, and would only hide its feeds from `fetch --all` until it expired.
    if (database.kind === 'pglite') await releaseAllLeases(database.db)
  } catch (err: unknown) {
    await database.close()
    throw err
  }
  return { config, log, database }
}
