import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { redactUrl } from '../fetch/index.js'
import { ALL_COLLECTION } from '../model/index.js'
import { renderOpml } from '../opml/index.js'
import { getCollectionOrThrow, listFeedStatuses } from '../store/index.js'

/**
 * Renders the subscriptions as OPML 2.0, collections as folders; with `collection`, only its feeds.
 * Feed URLs go without their user and password unless `withCredentials` is true (the owner's own
 * backup, `tributary export --with-credentials`). Throws NotFoundError for an unknown collection.
 */
export async function exportOpml(db: Kysely<Database>, options: { collection?: string; withCredentials?: boolean; now: Date }): Promise<string> {
  const only = options.collection !== undefined && options.collection !== ALL_COLLECTION
    ? (await getCollectionOrThrow(db, options.collection)).name
    : null
  const feeds = (await listFeedStatuses(db)).filter((feed) => only === null || feed.collections.includes(only))
  return renderOpml({
    title: only === null ? 'Tributary subscriptions' : `Tributary: ${only}`,
    dateCreated: options.now,
    feeds: feeds.map((feed) => ({
      url: options.withCredentials === true ? feed.url : redactUrl(feed.url),
      title: feed.title,
      siteUrl: feed.siteUrl,
      folders: only === null ? feed.collections : [only],
    })),
  })
}
