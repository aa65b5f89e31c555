import { setMaxListeners } from 'node:events'
import { WORKER_ID } from '../refresh/index.js'
import { pruneExpired } from '../retention/index.js'
import { JobScheduler } from '../scheduler/index.js'
import { countFeeds, keepsEverything, oldestOverdueSeconds, releaseLeases } from '../store/index.js'
import { openContext, type CommandContext } from './context.js'
import { printError, printLine } from './output.js'
import { retentionPolicy } from './prune.js'
import { createRefreshSetup, type RefreshSetup } from './refresh-setup.js'

/** Options of `tributary serve`. */
export interface ServeOptions {
  port?: string
  host?: string
  scheduler: boolean
  seed?: string
}

/** Runs `tributary serve`: the HTTP API and merged feeds, and the scheduler unless turned off, until SIGTERM or SIGINT. */
export async function runServe(options: ServeOptions): Promise<void> {
  const flags = { ...(options.port !== undefined && { port: options.port }), ...(options.host !== undefined && { host: options.host }) }
  // The HTTP side (fastify, its plugins, the metrics registry) loads while the database opens; `worker` never loads it.
  const loadingHttp = Promise.all([import('../server/index.js'), import('../metrics/index.js')])
  loadingHttp.catch(() => undefined)
  const context = await openContext('serve', { flags, defaultLogLevel: 'info' })
  const [{ buildApp }, { createMetrics }] = await loadingHttp
  if (options.seed !== undefined && (await countFeeds(context.database.db)) === 0) {
    const [{ readUserFile }, { importOpml }] = await Promise.all([import('./import-export.js'), import('./import-opml.js')])
    const summary = await importOpml(context.database.db, await readUserFile(options.seed))
    context.log.info({ feeds: summary.feeds, file: options.seed }, 'subscribed the example feeds')
  }
  const { db } = context.database
  const metrics = createMetrics({ queueLagSeconds: () => oldestOverdueSeconds(db, new Date()), pool: () => context.database.poolState() })
  const setup = await createRefreshSetup(context, metrics)
  const app = buildApp(
    { db, config: context.config, resolveFeed: (url) => setup.resolve(url), metrics },
    context.log.child({ module: 'http' }),
  )
  const jobs = options.scheduler ? startBackgroundJobs(context, setup) : null
  await app.listen({ port: context.config.port, host: context.config.host })
  printLine(`tributary serving ${context.config.publicUrl} (${context.database.kind}${jobs !== null ? ', scheduler on' : ', scheduler off'})`)
  onShutdown(context, async () => {
    await jobs?.stop()
    await app.close()
    await setup.close()
  })
}

/** Runs `tributary worker`: the scheduler without HTTP (PostgreSQL only), or one shared pass with `drain`. */
export async function runWorker(options: { drain?: boolean }): Promise<void> {
  const context = await openContext('worker', { defaultLogLevel: options.drain ? 'warn' : 'info' })
  if (context.database.kind === 'pglite') {
    await context.database.close()
    printError('worker needs DATABASE_URL (PostgreSQL): the embedded database serves one process, use `tributary serve`')
    process.exitCode = 2
    return
  }
  const setup = await createRefreshSetup(context)
  if (options.drain) {
    try {
      const results = await setup.pass({ all: false })
      const failed = results.filter((r) => r.status === 'failed').length
      printLine(`fetched ${results.length} feeds: ${results.length - failed} ok, ${failed} failed`)
    } finally {
      await setup.close()
      await context.database.close()
    }
    return
  }
  const jobs = startBackgroundJobs(context, setup)
  onShutdown(context, async () => {
    await jobs.stop()
    await setup.close()
  })
}

/** The background jobs of a process, and how to stop them gracefully. */
interface BackgroundJobs {
  /** Stops claiming feeds, lets fetches in flight finish within the grace period (then cancels them), gives back leases. */
  stop(): Promise<void>
}

/** Starts the refresh job (and the prune job when retention is on); node-cron only wakes them, the database says what to do. */
function startBackgroundJobs(context: CommandContext, setup: RefreshSetup): BackgroundJobs {
  const { config, log, database } = context
  const stopClaiming = new AbortController()
  const cancelFetches = new AbortController()
  // Every fetch in flight listens on the cancel signal: more than Node's default warning threshold of 10.
  setMaxListeners(0, cancelFetches.signal)
  const refresh = new JobScheduler(
    'refresh-due-feeds',
    config.refreshCron,
    () => setup.pass({ all: false, stop: stopClaiming.signal, cancel: cancelFetches.signal }),
    log.child({ module: 'scheduler' }),
  )
  refresh.start({ runNow: true })
  const schedulers = [refresh]
  const policy = retentionPolicy(context)
  if (!keepsEverything(policy)) {
    const prune = new JobScheduler(
      'prune-expired-items',
      config.pruneCron,
      () => pruneExpired({ db: database.db, log: log.child({ module: 'retention' }), policy, now: () => new Date() }),
      log.child({ module: 'scheduler' }),
    )
    prune.start({ runNow: false })
    schedulers.push(prune)
  }
  return {
    async stop() {
      stopClaiming.abort()
      const grace = setTimeout(() => cancelFetches.abort(), config.shutdownGraceSeconds * 1000)
      await Promise.all(schedulers.map((s) => s.stop()))
      clearTimeout(grace)
      // Normally none are left (each fetch ends its lease); a store that lost the database leaves its lease.
      const released = await releaseLeases(database.db, WORKER_ID)
      log.info({ released }, 'background jobs stopped')
    },
  }
}

/**
 * On SIGTERM or SIGINT: stop taking work, let what runs finish, close the database, exit 0.
 * A second signal exits at once.
 */
function onShutdown(context: CommandContext, stopWork: () => Promise<void>): void {
  let stopping = false
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      context.log.warn({ signal }, 'second signal: exiting now')
      process.exit(1)
    }
    stopping = true
    context.log.info({ signal }, 'shutting down')
    stopWork()
      .then(() => context.database.close())
      .then(() => process.exit(0), (err: unknown) => {
        context.log.error({ err }, 'shutdown failed')
        process.exit(1)
      })
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}
