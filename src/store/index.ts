export type { Executor } from './executor.js'
export {
  feedRowToFeed, findFeedByUrl, getFeedByRefOrThrow, listFeedStatuses, getFeedStatusOrThrow,
  deleteFeed, recordFetchSuccess, recordFetchFailure, enableFeed, countFeeds, oldestOverdueSeconds,
} from './feeds.js'
export type { FetchSuccess, FetchFailure } from './feeds.js'
export {
  collectionNameFromFolder, insertCollection, getCollectionOrThrow, listCollections, ensureCollection,
  addFeedToCollection, listCollectionFeedIds, updateCollection, removeFeedFromCollection, listCollectionNamesOfFeeds,
} from './collections.js'
export { claimDueFeeds, countDueFeeds, makeAllFeedsDue, releaseAllLeases, releaseFeedLease, releaseLeases } from './feed-claims.js'
export { findLastRawHashes, upsertFeedItems } from './items.js'
export type { UpsertCounts, StorableItem } from './items.js'
export { listItems, getItemOrThrow } from './item-search.js'
export type { ItemFilter } from './item-search.js'
export { listCollectionStories } from './stories.js'
export type { StoryScope, StoryPage } from './stories.js'
export { subscribeFeed } from './subscriptions.js'
export type { Subscription } from './subscriptions.js'
export { queryItems } from './item-queries.js'
export type { ItemQuery } from './item-queries.js'
export { assertFeedUrl } from './feed-url.js'
export { ensureSearchSettings, type SearchSettings } from './search-settings.js'
export { getStoryCopiesOrThrow, type StoryCopies, type StoryCopy } from './story-copies.js'
export { listFeedActivity, type FeedActivity } from './feed-activity.js'
export { previewPrune, pruneBatch, keepsEverything } from './retention.js'
export type { RetentionPolicy, PruneSummary } from './retention.js'
export { findStoryCandidates } from './story-candidates.js'
export { refingerprintItems, type StoredItemText } from './fingerprint-versions.js'
