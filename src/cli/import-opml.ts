import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { AppError } from '../errors.js'
import { parseOpml } from '../opml/index.js'
import { assertFeedUrl, collectionNameFromFolder, ensureCollection, subscribeFeed } from '../store/index.js'

/** What an OPML import did. */
export interface ImportSummary {
  readonly feeds: number
  readonly created: number
  readonly collections: readonly string[]
  readonly skipped: readonly { url: string; reason: string }[]
}

/**
 * Subscribes every feed of an OPML document in one transaction; folders become collections (named
 * from the folder text). An outline with an unusable URL is skipped and reported. Throws OpmlError.
 */
export async function importOpml(db: Kysely<Database>, xml: string, onProgress?: (done: number, total: number) => void): Promise<ImportSummary> {
  const document = parseOpml(xml)
  return db.transaction().execute(async (trx) => {
    let created = 0
    let feeds = 0
    const collections = new Set<string>()
    const skipped: { url: string; reason: string }[] = [...document.skipped]
    for (const outline of document.feeds) {
      let url: string
      try {
        url = assertFeedUrl(outline.url)
      } catch (err: unknown) {
        if (!(err instanceof AppError)) throw err
        skipped.push({ url: outline.url, reason: err.message })
        continue
      }
      const names: string[] = []
      for (const folder of outline.folders) {
        const collection = await ensureCollection(trx, collectionNameFromFolder(folder), folder)
        names.push(collection.name)
        collections.add(collection.name)
      }
      const subscription = await subscribeFeed(trx, { url, title: outline.title, collections: names })
      feeds++
      onProgress?.(feeds + skipped.length, document.feeds.length + document.skipped.length)
      if (subscription.created) created++
    }
    return { feeds, created, collections: [...collections].sort(), skipped }
  })
}
