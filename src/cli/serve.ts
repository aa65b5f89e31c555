import type { Command } from 'commander'
import { refreshDueFeeds, resolveFeedUrl } from '../refresh/index.js'
import { RefreshScheduler } from '../scheduler/index.js'
import { buildApp } from '../server/index.js'
import { countFeeds } from '../store/index.js'
import { openContext, type CommandContext } from './context.js'
import { readUserFile } from './import-export.js'
import { importOpml } from './import-opml.js'
import { printError, printLine } from './output.js'
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
      const setup = createRefreshSetup(context)
      const app = buildApp(
        { db: context.database.db, config: context.config, resolveFeed: (url) => resolveFeedUrl(setup.deps.fetchFeed, url) },
        context.log.child({ module: 'http' }),
      )
      const scheduler = options.scheduler ? startScheduler(context, setup) : null
      await app.listen({ port: context.config.port, host: context.config.host })
      printLine(`tributary serving ${context.config.publicUrl} (${context.database.kind}${scheduler ? ', scheduler on' : ', scheduler off'})`)
      onShutdown(context, async () => {
        await scheduler?.stop()
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
      const scheduler = startScheduler(context, setup)
      onShutdown(context, async () => {
        await scheduler.stop()
        await setup.close()
      })
    })
}

/** Starts the refresh scheduler; `stop()` waits for the pass in flight. */
function startScheduler(context: CommandContext, setup: RefreshSetup): RefreshScheduler {
  const scheduler = new RefreshScheduler(
    context.config.refreshCron,
    () => refreshDueFeeds(setup.deps, { all: false, concurrency: context.config.fetchConcurrency, perHost: context.config.fetchPerHostConcurrency }),
    context.log.child({ module: 'scheduler' }),
  )
  scheduler.start()
  return scheduler
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
