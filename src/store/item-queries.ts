import type { Page, StoredItem } from '../model/index.js'
import { getCollectionOrThrow, listCollectionFeedIds } from './collections.js'
import type { Executor } from './executor.js'
import { listItems } from './item-search.js'

/** An item query as users write it (CLI flags, API query string): a collection by name. */
export interface ItemQuery {
  readonly q?: string
  readonly feedId?: number
  readonly collection?: string
  /** Items whose author contains this text, case-insensitively. */
  readonly author?: string
  /** Items with this category (tag), case-insensitively. */
  readonly category?: string
  readonly since?: Date
  readonly until?: Date
  /** `newest` (default) or `rank` (relevance to `q`, among its most recent matches). */
  readonly sort?: 'newest' | 'rank'
  /** One item per story (the newest matching copy) instead of every copy. */
  readonly perStory?: boolean
  readonly limit: number
  readonly cursor?: string
}

/** Lists items matching a user's query, newest first; throws NotFoundError for an unknown collection, InputError for a bad cursor. */
export async function queryItems(db: Executor, query: ItemQuery): Promise<Page<StoredItem>> {
  const { collection: name, ...rest } = query
  if (name === undefined) return listItems(db, rest)
  const collection = await getCollectionOrThrow(db, name)
  return listItems(db, {
    ...rest,
    feedIds: await listCollectionFeedIds(db, collection),
    includeTerms: collection.includeTerms,
    excludeTerms: collection.excludeTerms,
  })
}
