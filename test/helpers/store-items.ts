import { storyMatcher, withMatchData } from '../../src/dedupe/index.js'
import type { Feed, KeyedItem } from '../../src/model/index.js'
import { upsertFeedItems, type Executor, type UpsertCounts } from '../../src/store/index.js'

/**
 * Stores identified items the way a refresh does (the worker pool adds their match data, the store
 * places them in stories), for tests that build items by hand. `feedTitle` is stripped from titles.
 */
export function storeFeedItems(db: Executor, feed: Pick<Feed, 'id'>, feedTitle: string | null, items: readonly KeyedItem[], now: Date): Promise<UpsertCounts> {
  return upsertFeedItems(db, feed.id, withMatchData(items, { feedId: feed.id, feedTitle, seenAt: now }), now, storyMatcher)
}
