import type { Config, ConfigFlags } from '../config/index.js'
import type { DatabaseHandle } from '../db/index.js'
import type { Logger } from '../log/index.js'

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
  // Imported on first use, so `--help` and usage errors load none of them (issue 13: CLI start). The
  // store's modules (every command needs them) go on loading while the database opens, filling the
  // time PGlite waits on its files, and while the migration check runs.
  const loadingStore = import('../store/index.js')
  loadingStore.catch(() => undefined)
  const [{ loadConfig }, { createLogger }, { migrateToLatest, openDatabase }] = await Promise.all([
    import('../config/index.js'), import('../log/index.js'), import('../db/index.js'),
  ])
  const config = loadConfig(process.env, options.flags)
  const log = createLogger(config.logLevel ?? options.defaultLogLevel ?? 'warn')
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, command }, log)
  try {
    const [applied, { ensureSearchSettings, releaseAllLeases }] = await Promise.all([migrateToLatest(database.db), loadingStore])
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
