import type { Command } from 'commander'
import { withContext } from './context.js'
import { collect } from './options.js'
import { printJson, printLine } from './output.js'

// Each action imports the modules it uses, so registering the commands loads none of them.
const loadStore = () => import('../store/index.js')
const loadRedactUrl = async () => (await import('../fetch/index.js')).redactUrl

/** Registers `tributary feeds add|list|remove|enable`. */
export function registerFeedCommands(program: Command): void {
  const feeds = program.command('feeds').description('manage subscriptions')

  feeds
    .command('add <url>')
    .description('subscribe a feed URL; for an HTML page, the first feed it links to')
    .option('--collection <name>', 'put the feed in this collection (repeatable; created if missing)', collect, [])
    .option('--title <title>', 'title to show instead of the feed\'s own')
    .action(async (rawUrl: string, options: { collection: string[]; title?: string }) => {
      const { assertFeedUrl, subscribeFeed } = await loadStore()
      const url = assertFeedUrl(rawUrl)
      await withContext('feeds add', {}, async (context) => {
        const [{ createRefreshSetup }, redactUrl] = await Promise.all([import('./refresh-setup.js'), loadRedactUrl()])
        const setup = await createRefreshSetup(context)
        const resolved = await setup.resolve(url).finally(() => setup.close())
        const { feed, created } = await context.database.db.transaction().execute((trx) =>
          subscribeFeed(trx, { url: resolved.feedUrl, title: options.title ?? null, collections: options.collection }))
        const where = options.collection.length > 0 ? ` in ${options.collection.join(', ')}` : ''
        const shown = redactUrl(feed.url)
        printLine(created ? `subscribed feed ${feed.id}: ${shown}${where}` : `already subscribed as feed ${feed.id}: ${shown}${where}`)
        for (const other of resolved.alternates) printLine(`the page also offers: ${other.url}${other.title ? ` (${other.title})` : ''}`)
      })
    })

  feeds
    .command('list')
    .description('list feeds with their fetch status')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withContext('feeds list', {}, async ({ database }) => {
        const [{ listFeedStatuses }, redactUrl] = await Promise.all([loadStore(), loadRedactUrl()])
        const statuses = await listFeedStatuses(database.db)
        if (options.json) {
          const { feedStatusToJson } = await import('../present/index.js')
          return printJson(statuses.map(feedStatusToJson))
        }
        for (const f of statuses) {
          const state = f.disabledReason !== null ? `disabled (${f.disabledReason})`
            : f.lastError !== null ? `error ${f.lastError.code} ×${f.errorCount}: ${f.lastError.message}`
            : f.lastSuccessAt === null ? 'not fetched yet' : `ok ${f.lastSuccessAt.toISOString()}`
          printLine(`${f.id}\t${redactUrl(f.url)}\t${f.title ?? ''}\t${f.itemCount} items\t${state}\tnext ${f.nextFetchAt.toISOString()}`)
        }
      })
    })

  feeds
    .command('remove <feed>')
    .description('unsubscribe a feed (by id or URL) and delete its items')
    .action(async (ref: string) => {
      await withContext('feeds remove', {}, async ({ database }) => {
        const [{ deleteFeed, getFeedByRefOrThrow }, redactUrl] = await Promise.all([loadStore(), loadRedactUrl()])
        const feed = await getFeedByRefOrThrow(database.db, ref)
        await database.db.transaction().execute((trx) => deleteFeed(trx, feed.id))
        printLine(`removed feed ${feed.id}: ${redactUrl(feed.url)}`)
      })
    })

  feeds
    .command('enable <feed>')
    .description('re-enable a feed disabled by errors or 410 Gone, and make it due now')
    .action(async (ref: string) => {
      await withContext('feeds enable', {}, async ({ database }) => {
        const [{ enableFeed, getFeedByRefOrThrow }, redactUrl] = await Promise.all([loadStore(), loadRedactUrl()])
        const feed = await getFeedByRefOrThrow(database.db, ref)
        await enableFeed(database.db, feed.id, new Date())
        printLine(`enabled feed ${feed.id}: ${redactUrl(feed.url)}`)
      })
    })
}
