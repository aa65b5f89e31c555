import { storyMatcher, withMatchData } from '../dedupe/index.js'
import type { Feed, KeyedItem } from '../model/index.js'
import { upsertFeedItems, type Executor, type UpsertCounts } from '../store/index.js'

/**
 * Stores one feed document's identified items with their story features, so each new item joins the
 * story sameStory finds among stored copies. `feedTitle` is the feed's own title (the document's, else
 * the stored one), stripped from item titles; `now` stands in for missing dates.
 */
export function storeFeedItems(db: Executor, feed: Pick<Feed, 'id'>, feedTitle: string | null, items: readonly KeyedItem[], now: Date): Promise<UpsertCounts> {
  const matchable = withMatchData(items, { feedId: feed.id, feedTitle, seenAt: now })
  return upsertFeedItems(db, feed.id, matchable, now, storyMatcher)
}
