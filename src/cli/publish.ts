import fs from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import type { Config } from '../config/index.js'
import { InputError } from '../errors.js'
import type { CollectionFeedRequest } from '../present/index.js'
import type { PublishFormat } from '../publish/index.js'
import { withContext } from './context.js'
import { printLine } from './output.js'

const FORMATS: readonly PublishFormat[] = ['rss', 'atom', 'json']
const OPML_FILE = 'subscriptions.opml'

/** Registers `tributary publish <collection> --format F [--out FILE]` and `publish --all --out-dir DIR`. */
export function registerPublishCommands(program: Command): void {
  program
    .command('publish [collection]')
    .description('write a collection\'s merged feed to stdout or a file, or every collection to a folder for a static host')
    .option('--format <format>', 'rss, atom or json')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--all', `every collection in every format, plus index.html, ${OPML_FILE} and the feed stylesheet`)
    .option('--out-dir <dir>', 'folder for --all; links point to TRIBUTARY_PUBLIC_URL, where the folder is to be served')
    .action(async (name: string | undefined, options: { format?: string; out?: string; all?: boolean; outDir?: string }) => {
      if (options.all) {
        if (options.outDir === undefined) throw new InputError('publish --all needs --out-dir DIR')
        if (name !== undefined) throw new InputError('publish --all takes no collection name')
        return publishAll(options.outDir)
      }
      if (name === undefined) throw new InputError('publish needs a collection name, or --all --out-dir DIR')
      const format = parseFormat(options.format)
      await withContext('publish', {}, async ({ database, config }) => {
        const { DEFAULT_FEED_LIMIT, renderCollection } = await import('../present/index.js')
        const feed = await renderCollection(database.db, standaloneRequest(config, name, format, DEFAULT_FEED_LIMIT))
        if (options.out === undefined) process.stdout.write(feed.body)
        else await fs.writeFile(options.out, feed.body)
      })
    })
}

/**
 * Writes the site a static host can serve at TRIBUTARY_PUBLIC_URL, laid out like the server's URLs
 * so that every self link and subscribe link points at its file: collections/NAME/feed.{rss,atom,json},
 * feed.xsl, index.html and the OPML.
 */
async function publishAll(outDir: string): Promise<void> {
  await withContext('publish', {}, async ({ database, config }) => {
    // Imported when the command runs, so registering it loads neither the renderer nor `feed`.
    const [{ collectionFeedPath, DEFAULT_FEED_LIMIT, exportOpml, FEED_STYLESHEET_PATH, renderCollection, renderIndexPage }, { FEED_STYLESHEET }, {
      listCollections, listFeedStatuses,
    }] = await Promise.all([import('../present/index.js'), import('../publish/index.js'), import('../store/index.js')])
    const collections = await listCollections(database.db)
    for (const collection of collections) {
      for (const format of FORMATS) {
        const feed = await renderCollection(database.db, standaloneRequest(config, collection.name, format, DEFAULT_FEED_LIMIT))
        await writeSiteFile(outDir, collectionFeedPath(collection.name, format), feed.body)
      }
    }
    await writeSiteFile(outDir, FEED_STYLESHEET_PATH, FEED_STYLESHEET)
    const now = new Date()
    const feeds = await listFeedStatuses(database.db)
    const staticSite = { builtAt: now, opmlPath: OPML_FILE }
    await writeSiteFile(outDir, '/index.html', renderIndexPage({ publicUrl: config.publicUrl, collections, feeds, staticSite }))
    await writeSiteFile(outDir, `/${OPML_FILE}`, await exportOpml(database.db, { now }))
    printLine(`wrote ${collections.length} collections × ${FORMATS.length} formats, feed.xsl, index.html and ${OPML_FILE} to ${outDir}`)
  })
}

// A published file is one document of the newest entries: a static host answers no cursor. It names
// no WebSub hub: Tributary cannot know when the files go live, so it could not ping the hub after.
function standaloneRequest(config: Config, name: string, format: PublishFormat, limit: number): CollectionFeedRequest {
  return { name, format, limit, publicUrl: config.publicUrl, paged: false, hubUrl: null, iconUrl: config.feedIconUrl }
}

// Site paths are URL paths; collection names are URL-safe slugs, so each file lies where its URL points.
async function writeSiteFile(outDir: string, sitePath: string, body: string): Promise<void> {
  const file = path.join(outDir, ...sitePath.split('/'))
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, body)
}

function parseFormat(value: string | undefined): PublishFormat {
  if (value === undefined) throw new InputError('publish needs --format rss|atom|json')
  if (!(FORMATS as readonly string[]).includes(value)) throw new InputError(`--format: expected rss, atom or json, got "${value}"`)
  return value as PublishFormat
}
