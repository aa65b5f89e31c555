import type { Page, StoredItem } from '../model/index.js'
import { getCollectionOrThrow, listCollectionFeedIds } from './collections.js'
import type { Executor } from './executor.js'
import { listItems, type ItemFilter } from './item-search.js'

/** An item query as users write it (CLI flags, API query string): a collection by name instead of its feeds and filters. */
export interface ItemQuery extends Omit<ItemFilter, 'feedIds' | 'includeTerms' | 'excludeTerms'> {
  readonly collection?: string
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
