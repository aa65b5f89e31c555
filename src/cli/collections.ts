import type { Command } from 'commander'
import type { CollectionSettings } from '../model/index.js'
import type { Executor } from '../store/index.js'
import { withContext } from './context.js'
import { collect, parseAge, parseCap, splitTerms, type Limit } from './options.js'
import { printJson, printLine } from './output.js'

// Each action imports the store when it runs, so registering the commands loads none of it.
const loadStore = () => import('../store/index.js')

/** The setting options `collections create` and `collections update` share; unset ones stay undefined. */
interface SettingOptions {
  title?: string
  description?: string
  include?: string
  exclude?: string
  maxAge?: Limit
  perSourceCap?: Limit
  mergeNearDuplicates?: boolean
  prefer: string[]
}

function withSettingOptions(command: Command): Command {
  return command
    .option('--title <title>', 'title of the published feed')
    .option('--description <text>', 'description of the published feed')
    .option('--include <words>', 'keep only items containing one of these comma-separated words or phrases ("" for all)')
    .option('--exclude <words>', 'leave out items containing any of these comma-separated words or phrases ("" for none)')
    .option('--max-age <age>', 'leave out stories older than this: 90m, 36h, 7d, 2w ("none" for no limit)', parseAge)
    .option('--per-source-cap <n>', 'at most n stories a day from one source, its newest ("none" for no cap)', parseCap)
    .option('--merge-near-duplicates', 'group copies with similar text into one entry (the default)')
    .option('--no-merge-near-duplicates', 'show copies grouped only by similar text as entries of their own')
    .option('--prefer <feed>', 'prefer this feed\'s copy (id or URL) to represent a story; repeatable, most preferred first', collect, [])
}

/** Turns the options given into settings; options not given are left out so an update keeps them. */
async function settingsFrom(db: Executor, options: SettingOptions): Promise<Partial<CollectionSettings>> {
  const { getFeedByRefOrThrow } = await loadStore()
  const sourcePriority: number[] = []
  for (const ref of options.prefer) sourcePriority.push((await getFeedByRefOrThrow(db, ref)).id)
  return {
    ...(options.title !== undefined && { title: options.title === '' ? null : options.title }),
    ...(options.description !== undefined && { description: options.description === '' ? null : options.description }),
    ...(options.include !== undefined && { includeTerms: splitTerms(options.include) }),
    ...(options.exclude !== undefined && { excludeTerms: splitTerms(options.exclude) }),
    ...(options.maxAge !== undefined && { maxAgeSeconds: options.maxAge === 'none' ? null : options.maxAge }),
    ...(options.perSourceCap !== undefined && { perSourceCap: options.perSourceCap === 'none' ? null : options.perSourceCap }),
    ...(options.mergeNearDuplicates !== undefined && { mergeNearDuplicates: options.mergeNearDuplicates }),
    ...(options.prefer.length > 0 && { sourcePriority }),
  }
}

/** Registers `tributary collections create|update|list|add-feed|remove-feed`. */
export function registerCollectionCommands(program: Command): void {
  const collections = program.command('collections').description('manage collections (merged feeds)')

  withSettingOptions(collections.command('create <name>').description('create a collection'))
    .action(async (name: string, options: SettingOptions) => {
      await withContext('collections create', {}, async ({ database }) => {
        const { insertCollection } = await loadStore()
        const collection = await insertCollection(database.db, name, await settingsFrom(database.db, options))
        printLine(`created collection ${collection.name}`)
      })
    })

  withSettingOptions(collections.command('update <name>').description('change a collection\'s settings; options left out stay as they are'))
    .action(async (name: string, options: SettingOptions) => {
      await withContext('collections update', {}, async ({ database }) => {
        const { updateCollection } = await loadStore()
        const collection = await updateCollection(database.db, name, await settingsFrom(database.db, options))
        printLine(`updated collection ${collection.name}`)
      })
    })

  collections
    .command('list')
    .description('list collections')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withContext('collections list', {}, async ({ database }) => {
        const { listCollections } = await loadStore()
        const all = await listCollections(database.db)
        if (options.json) {
          const { collectionToJson } = await import('../present/index.js')
          return printJson(all.map(collectionToJson))
        }
        for (const c of all) printLine(`${c.name}\t${c.title ?? ''}\t${c.feedCount} feeds`)
      })
    })

  collections
    .command('add-feed <name> <feed>')
    .description('add a feed (by id or URL) to a collection')
    .action(async (name: string, ref: string) => {
      await withContext('collections add-feed', {}, async ({ database }) => {
        const { addFeedToCollection, getCollectionOrThrow, getFeedByRefOrThrow } = await loadStore()
        const collection = await getCollectionOrThrow(database.db, name)
        const feed = await getFeedByRefOrThrow(database.db, ref)
        await addFeedToCollection(database.db, collection, feed.id)
        printLine(`added feed ${feed.id} to ${collection.name}`)
      })
    })

  collections
    .command('remove-feed <name> <feed>')
    .description('take a feed (by id or URL) out of a collection; the feed and its items stay')
    .action(async (name: string, ref: string) => {
      await withContext('collections remove-feed', {}, async ({ database }) => {
        const { getCollectionOrThrow, getFeedByRefOrThrow, removeFeedFromCollection } = await loadStore()
        const collection = await getCollectionOrThrow(database.db, name)
        const feed = await getFeedByRefOrThrow(database.db, ref)
        await removeFeedFromCollection(database.db, collection, feed.id)
        printLine(`removed feed ${feed.id} from ${collection.name}`)
      })
    })
}
