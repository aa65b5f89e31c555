import fs from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { InputError } from '../errors.js'
import { DEFAULT_FEED_LIMIT, exportOpml, renderCollection, renderIndexPage } from '../present/index.js'
import type { PublishFormat } from '../publish/index.js'
import { listCollections, listFeedStatuses } from '../store/index.js'
import { withContext } from './context.js'
import { printLine } from './output.js'

const FORMATS: readonly PublishFormat[] = ['rss', 'atom', 'json']

/** Registers `tributary publish <collection> --format F [--out FILE]` and `publish --all --out-dir DIR`. */
export function registerPublishCommands(program: Command): void {
  program
    .command('publish [collection]')
    .description('write a collection\'s merged feed to stdout or a file, or every collection to a folder')
    .option('--format <format>', 'rss, atom or json')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--all', 'every collection in every format, plus index.html and subscriptions.opml')
    .option('--out-dir <dir>', 'folder for --all')
    .action(async (name: string | undefined, options: { format?: string; out?: string; all?: boolean; outDir?: string }) => {
      if (options.all) {
        if (options.outDir === undefined) throw new InputError('publish --all needs --out-dir DIR')
        if (name !== undefined) throw new InputError('publish --all takes no collection name')
        return publishAll(options.outDir)
      }
      if (name === undefined) throw new InputError('publish needs a collection name, or --all --out-dir DIR')
      const format = parseFormat(options.format)
      await withContext('publish', {}, async ({ database, config }) => {
        const feed = await renderCollection(database.db, { name, format, limit: DEFAULT_FEED_LIMIT, publicUrl: config.publicUrl })
        if (options.out === undefined) process.stdout.write(feed.body)
        else await fs.writeFile(options.out, feed.body)
      })
    })
}

async function publishAll(outDir: string): Promise<void> {
  await withContext('publish', {}, async ({ database, config }) => {
    const collections = await listCollections(database.db)
    for (const collection of collections) {
      const dir = path.join(outDir, 'collections', collection.name)
      await fs.mkdir(dir, { recursive: true })
      for (const format of FORMATS) {
        const feed = await renderCollection(database.db, { name: collection.name, format, limit: DEFAULT_FEED_LIMIT, publicUrl: config.publicUrl })
        await fs.writeFile(path.join(dir, `feed.${format}`), feed.body)
      }
    }
    const feeds = await listFeedStatuses(database.db)
    await fs.writeFile(path.join(outDir, 'index.html'), renderIndexPage({ publicUrl: config.publicUrl, collections, feeds }))
    await fs.writeFile(path.join(outDir, 'opml'), await exportOpml(database.db, { now: new Date() }))
    printLine(`wrote ${collections.length} collections × ${FORMATS.length} formats, index.html and opml to ${outDir}`)
  })
}

function parseFormat(value: string | undefined): PublishFormat {
  if (value === undefined) throw new InputError('publish needs --format rss|atom|json')
  if (!(FORMATS as readonly string[]).includes(value)) throw new InputError(`--format: expected rss, atom or json, got "${value}"`)
  return value as PublishFormat
}
