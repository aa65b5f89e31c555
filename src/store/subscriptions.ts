import type { Feed } from '../model/index.js'
import { addFeedToCollection, ensureCollection } from './collections.js'
import type { Executor } from './executor.js'
import { feedRowToFeed } from './feeds.js'

/** The feed subscribed, and whether it was new. */
export interface Subscription {
  readonly feed: Feed
  readonly created: boolean
}

/**
 * Subscribes a URL (or finds the existing subscription) and puts it in the named collections, creating
 * them as needed. Throws InputError for a bad collection name. Run it in a transaction.
 */
export async function subscribeFeed(
  db: Executor,
  input: { url: string; title: string | null; collections: readonly string[] },
): Promise<Subscription> {
  const inserted = await db
    .insertInto('feeds')
    .values({ url: input.url, user_title: input.title })
    .onConflict((oc) => oc.column('url').doNothing())
    .returningAll()
    .executeTakeFirst()
  const row = inserted ?? await db.selectFrom('feeds').selectAll().where('url', '=', input.url).executeTakeFirstOrThrow()
  for (const name of input.collections) {
    await addFeedToCollection(db, await ensureCollection(db, name), row.id)
  }
  return { feed: feedRowToFeed(row), created: inserted !== undefined }
}
