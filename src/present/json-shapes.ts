import { redactUrl } from '../fetch/index.js'
import type { Collection, FeedStatus, StoredItem } from '../model/index.js'

/** A feed with its fetch status in SPEC's snake_case shape (CLI `feeds list --json`, /api/feeds). */
export function feedStatusToJson(feed: FeedStatus) {
  return {
    id: feed.id,
    url: redactUrl(feed.url),
    title: feed.title,
    site_url: feed.siteUrl,
    collections: feed.collections,
    item_count: feed.itemCount,
    last_fetched_at: iso(feed.lastFetchedAt),
    last_success_at: iso(feed.lastSuccessAt),
    last_error: feed.lastError,
    error_count: feed.errorCount,
    next_fetch_at: iso(feed.nextFetchAt),
    disabled_reason: feed.disabledReason,
    last_status: feed.lastStatus,
    retry_after: iso(feed.retryAfter),
    // fetch/ records redirects without credentials already; every URL of a feed is redacted here all the same.
    pending_redirect: feed.pendingRedirect === null ? null : { url: redactUrl(feed.pendingRedirect.url), seen: feed.pendingRedirect.seen },
    last_redirects: feed.lastRedirects.map((hop) => ({ from: redactUrl(hop.from), to: redactUrl(hop.to), status: hop.status })),
    guid_changes: feed.guidChanges,
    url_history: feed.urlHistory.map((change) => ({ from: redactUrl(change.from), to: redactUrl(change.to), at: change.at.toISOString() })),
  }
}

/** A stored item in SPEC's snake_case shape (CLI `items --json`, /api/items). */
export function itemToJson(item: StoredItem) {
  return {
    id: item.id,
    story_id: item.storyId,
    feed_id: item.feedId,
    url: item.url,
    title: item.title,
    author: item.author,
    published_at: item.publishedAt.toISOString(),
    updated_at: iso(item.updatedAt),
    summary: item.summary,
    content_html: item.contentHtml,
    categories: item.categories,
    enclosures: item.enclosures,
    snippet: item.snippet,
    match_rule: item.matchRule,
    match_distance: item.matchDistance,
  }
}

/** A collection in SPEC's snake_case shape (CLI `collections list --json`, /api/collections). */
export function collectionToJson(collection: Collection) {
  return {
    name: collection.name,
    title: collection.title,
    description: collection.description,
    include: collection.includeTerms,
    exclude: collection.excludeTerms,
    merge_near_duplicates: collection.mergeNearDuplicates,
    source_priority: collection.sourcePriority,
    max_age_seconds: collection.maxAgeSeconds,
    per_source_cap: collection.perSourceCap,
    feed_count: collection.feedCount,
  }
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString()
}
