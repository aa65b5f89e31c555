import type { Command } from 'commander'
import type { RefreshResult } from '../refresh/index.js'
import { withContext } from './context.js'
import { printLine } from './output.js'
import { Progress } from './progress.js'

/** Registers `tributary fetch [--all] [--feed <id|url>]`. */
export function registerFetchCommand(program: Command): void {
  program
    .command('fetch')
    .description('fetch the feeds that are due now (or all, or one) and print a line per feed')
    .option('--all', 'every enabled feed, due or not')
    .option('--feed <feed>', 'only this feed (id or URL), even if disabled or not due')
    .action(async (options: { all?: boolean; feed?: string }) => {
      await withContext('fetch', {}, async (context) => {
        // Imported only when the command runs: the refresh pipeline is what it runs.
        const { createRefreshSetup } = await import('./refresh-setup.js')
        const setup = await createRefreshSetup(context)
        try {
          if (options.feed !== undefined) {
            const [{ getFeedByRefOrThrow }, { refreshFeed }] = await Promise.all([import('../store/index.js'), import('../refresh/index.js')])
            const feed = await getFeedByRefOrThrow(context.database.db, options.feed)
            printLine(describeResult(await refreshFeed(setup.deps, feed)))
            return
          }
          const progress = new Progress()
          let total = 0
          let done = 0
          const results = await setup.pass({
            all: options.all === true,
            onStart: (feeds) => (total = feeds),
            onResult: (result) => {
              progress.done()
              printLine(describeResult(result))
              progress.update(`fetched ${++done}/${total} feeds`)
            },
          })
          progress.done()
          const failed = results.filter((r) => r.status === 'failed').length
          printLine(`fetched ${results.length} feeds: ${results.length - failed} ok, ${failed} failed`)
        } finally {
          await setup.close()
        }
      })
    })
}

/** One summary line per feed: id, URL, outcome. */
export function describeResult(result: RefreshResult): string {
  const head = `feed ${result.feedId} ${result.url}`
  switch (result.status) {
    case 'updated':
      return `${head}: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged (${result.durationMs} ms)`
    case 'not-modified':
      return `${head}: not modified (${result.durationMs} ms)`
    case 'failed':
      return `${head}: failed ${result.code}: ${result.message}`
  }
}
