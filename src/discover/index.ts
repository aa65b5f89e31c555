export { discoverFeeds } from './discover-feeds.js'
export type { DiscoveredFeed, DiscoveredFeedType } from './discover-feeds.js'
