import type { Command } from 'commander'
import { createMetrics } from '../metrics/index.js'
import { refreshDueFeeds, resolveFeedUrl } from '../refresh/index.js'
import { pruneExpired } from '../retention/index.js'
import { JobScheduler } from '../scheduler/index.js'
import { buildApp } from '../server/index.js'
import { countFeeds, keepsEverything, oldestOverdueSeconds } from '../store/index.js'
import { openContext, type CommandContext } from './context.js'
import { readUserFile } from './import-export.js'
import { importOpml } from './import-opml.js'
import { printError, printLine } from './output.js'
import { retentionPolicy } from './prune.js'
import { createRefreshSetup, type RefreshSetup } from './refresh-setup.js'

/** Registers `tributary serve` (HTTP plus scheduler) and `tributary worker` (scheduler only, PostgreSQL). */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and merged feeds, and fetch feeds on schedule')
    .option('--port <n>', 'listen on this port (PORT)')
    .option('--host <host>', 'listen on this address (HOST)')
    .option('--no-scheduler', 'serve HTTP only; leave fetching to workers')
    .option('--seed <file.opml>', 'subscribe the feeds of this OPML file if there are no feeds yet')
    .action(async (options: { port?: string; host?: string; scheduler: boolean; seed?: string }) => {
      const flags = { ...(options.port !== undefined && { port: options.port }), ...(options.host !== undefined && { host: options.host }) }
      const context = await openContext('serve', { flags, defaultLogLevel: 'info' })
      if (options.seed !== undefined && (await countFeeds(context.database.db)) === 0) {
        const summary = await importOpml(context.database.db, await readUserFile(options.seed))
        context.log.info({ feeds: summary.feeds, file: options.seed }, 'subscribed the example feeds')
      }
      const { db } = context.database
      const metrics = createMetrics({ queueLagSeconds: () => oldestOverdueSeconds(db, new Date()), pool: () => context.database.poolState() })
      const setup = createRefreshSetup(context, metrics)
      const app = buildApp(
        { db, config: context.config, resolveFeed: (url) => resolveFeedUrl(setup.deps.fetchFeed, url), metrics },
        context.log.child({ module: 'http' }),
      )
      const schedulers = options.scheduler ? startSchedulers(context, setup) : []
      await app.listen({ port: context.config.port, host: context.config.host })
      printLine(`tributary serving ${context.config.publicUrl} (${context.database.kind}${schedulers.length > 0 ? ', scheduler on' : ', scheduler off'})`)
      onShutdown(context, async () => {
        await Promise.all(schedulers.map((s) => s.stop()))
        await app.close()
        await setup.close()
      })
    })

  program
    .command('worker')
    .description('fetch feeds on schedule without serving HTTP (PostgreSQL only)')
    .action(async () => {
      const context = await openContext('worker', { defaultLogLevel: 'info' })
      if (context.database.kind === 'pglite') {
        await context.database.close()
        printError('worker needs DATABASE_URL (PostgreSQL): the embedded database serves one process, use `tributary serve`')
        process.exitCode = 2
        return
      }
      const setup = createRefreshSetup(context)
      const schedulers = startSchedulers(context, setup)
      onShutdown(context, async () => {
        await Promise.all(schedulers.map((s) => s.stop()))
        await setup.close()
      })
    })
}

/** Starts the refresh job (and the prune job when retention is on); `stop()` waits for a run in flight. */
function startSchedulers(context: CommandContext, setup: RefreshSetup): JobScheduler[] {
  const { config, log, database } = context
  const refresh = new JobScheduler(
    'refresh-due-feeds',
    config.refreshCron,
    () => refreshDueFeeds(setup.deps, { all: false, concurrency: config.fetchConcurrency, perHost: config.fetchPerHostConcurrency }),
    log.child({ module: 'scheduler' }),
  )
  refresh.start({ runNow: true })
  const policy = retentionPolicy(context)
  if (keepsEverything(policy)) return [refresh]
  const prune = new JobScheduler(
    'prune-expired-items',
    config.pruneCron,
    () => pruneExpired({ db: database.db, log: log.child({ module: 'retention' }), policy, now: () => new Date() }),
    log.child({ module: 'scheduler' }),
  )
  prune.start({ runNow: false })
  return [refresh, prune]
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
