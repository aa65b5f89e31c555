import type { Command } from 'commander'
import type { RetentionPolicy } from '../store/index.js'
import { withContext, type CommandContext } from './context.js'
import { printLine } from './output.js'
import { Progress } from './progress.js'

/** Builds the retention policy from the config. */
export function retentionPolicy(context: CommandContext): RetentionPolicy {
  return { maxAgeDays: context.config.retentionDays, maxItemsPerFeed: context.config.retentionMaxItemsPerFeed }
}

/** Registers `tributary prune [--dry-run]`. */
export function registerPruneCommand(program: Command): void {
  program
    .command('prune')
    .description('apply the retention policy now (TRIBUTARY_RETENTION_DAYS, TRIBUTARY_RETENTION_MAX_ITEMS_PER_FEED)')
    .option('--dry-run', 'say what would be removed, remove nothing')
    .action(async (options: { dryRun?: boolean }) => {
      await withContext('prune', {}, async (context) => {
        // Imported when the command runs, so registering it loads none of them.
        const [{ keepsEverything, listFeedStatuses, previewPrune }, { pruneExpired }, { redactUrl }] = await Promise.all([
          import('../store/index.js'), import('../retention/index.js'), import('../fetch/index.js'),
        ])
        const policy = retentionPolicy(context)
        if (keepsEverything(policy)) {
          printLine('retention keeps everything (TRIBUTARY_RETENTION_DAYS and TRIBUTARY_RETENTION_MAX_ITEMS_PER_FEED are 0): nothing to prune')
          return
        }
        const db = context.database.db
        if (options.dryRun) {
          const preview = await previewPrune(db, policy, new Date())
          const urls = new Map((await listFeedStatuses(db)).map((f) => [f.id, redactUrl(f.url)]))
          for (const feed of preview.byFeed) printLine(`feed ${feed.feedId} ${urls.get(feed.feedId) ?? ''}: ${feed.items} items would be removed`)
          printLine(`would remove ${preview.items} items and ${preview.stories} stories`)
          return
        }
        const progress = new Progress()
        const total = await pruneExpired(
          { db, log: context.log, policy, now: () => new Date() },
          (_batch, sofar) => progress.update(`pruned ${sofar.items} items…`),
        )
        progress.done()
        printLine(`removed ${total.items} items and ${total.stories} stories`)
      })
    })
}
