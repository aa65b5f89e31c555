import type { Command } from 'commander'
import { collectionToJson } from '../present/index.js'
import { addFeedToCollection, getCollectionOrThrow, getFeedByRefOrThrow, insertCollection, listCollections } from '../store/index.js'
import { withContext } from './context.js'
import { collect } from './feeds.js'
import { printJson, printLine } from './output.js'

/** Registers `tributary collections create|list|add-feed`. */
export function registerCollectionCommands(program: Command): void {
  const collections = program.command('collections').description('manage collections (merged feeds)')

  collections
    .command('create <name>')
    .description('create a collection')
    .option('--title <title>', 'title of the published feed')
    .option('--description <text>', 'description of the published feed')
    .option('--include <words>', 'keep only items containing one of these comma-separated words or phrases')
    .option('--exclude <words>', 'leave out items containing any of these comma-separated words or phrases')
    .option('--no-merge-near-duplicates', 'show copies grouped only by similar text as entries of their own')
    .option('--prefer <feed>', 'prefer this feed\'s copy (id or URL) to represent a story; repeatable, most preferred first', collect, [])
    .action(async (name: string, options: {
      title?: string; description?: string; include?: string; exclude?: string; mergeNearDuplicates: boolean; prefer: string[]
    }) => {
      await withContext('collections create', {}, async ({ database }) => {
        const sourcePriority: number[] = []
        for (const ref of options.prefer) sourcePriority.push((await getFeedByRefOrThrow(database.db, ref)).id)
        const collection = await insertCollection(database.db, {
          mergeNearDuplicates: options.mergeNearDuplicates,
          sourcePriority,
          name,
          title: options.title ?? null,
          description: options.description ?? null,
          includeTerms: splitTerms(options.include),
          excludeTerms: splitTerms(options.exclude),
        })
        printLine(`created collection ${collection.name}`)
      })
    })

  collections
    .command('list')
    .description('list collections')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withContext('collections list', {}, async ({ database }) => {
        const all = await listCollections(database.db)
        if (options.json) return printJson(all.map(collectionToJson))
        for (const c of all) printLine(`${c.name}\t${c.title ?? ''}\t${c.feedCount} feeds`)
      })
    })

  collections
    .command('add-feed <name> <feed>')
    .description('add a feed (by id or URL) to a collection')
    .action(async (name: string, ref: string) => {
      await withContext('collections add-feed', {}, async ({ database }) => {
        const collection = await getCollectionOrThrow(database.db, name)
        const feed = await getFeedByRefOrThrow(database.db, ref)
        await addFeedToCollection(database.db, collection, feed.id)
        printLine(`added feed ${feed.id} to ${collection.name}`)
      })
    })
}

/** Splits "a, b c, d" into ["a", "b c", "d"]; phrases keep their inner spaces. */
export function splitTerms(value: string | undefined): string[] {
  if (value === undefined) return []
  return value.split(',').map((t) => t.trim()).filter((t) => t !== '')
}
