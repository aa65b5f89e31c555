import type { Redirect } from './fetch.js'

/** A subscription and its fetch state, as the rest of the app sees it. */
export interface Feed {
  readonly id: number
  readonly url: string
  /** The user's title if one was given, else the feed's own, else null. */
  readonly title: string | null
  readonly siteUrl: string | null
  readonly description: string | null
  readonly etag: string | null
  readonly lastModified: string | null
  readonly createdAt: Date
  readonly lastFetchedAt: Date | null
  readonly lastSuccessAt: Date | null
  readonly nextFetchAt: Date
  /** Consecutive failed fetches; 0 after a success. */
  readonly errorCount: number
  readonly lastError: { readonly code: string; readonly message: string } | null
  /** Why the feed is no longer fetched (410 Gone, disabled by a user); null while enabled. */
  readonly disabledReason: string | null
  /** HTTP status of the last answer (after redirects); null if none arrived. */
  readonly lastStatus: number | null
  /** A server's Retry-After: no fetch before this time, not even `fetch --all`. */
  readonly retryAfter: Date | null
  /** A permanent redirect not yet confirmed, and on how many fetches in a row it was seen. */
  readonly pendingRedirect: { readonly url: string; readonly seen: number } | null
  /** The redirect chain of the last fetch. */
  readonly lastRedirects: readonly Redirect[]
  /** Times the feed gave a known article (same link) a new guid; its links then identify its items. */
  readonly guidChanges: number
  /** Every change of the stored URL by a confirmed permanent redirect, oldest first. */
  readonly urlHistory: readonly { readonly from: string; readonly to: string; readonly at: Date }[]
  /** What the last stored document said about its schedule, kept for the 304s that follow. */
  readonly scheduleHints: ScheduleHints
}

/** The schedule hints a feed document gave (ttl, sy:updatePeriod, skipHours/Days) and the observed publishing interval. */
export interface ScheduleHints {
  readonly ttlMinutes: number | null
  readonly updatePeriodSeconds: number | null
  readonly skipHours: readonly number[]
  readonly skipDays: readonly number[]
  readonly publishIntervalSeconds: number | null
}

/** A feed with what `feeds list` and /api/feeds show beside it. */
export interface FeedStatus extends Feed {
  readonly itemCount: number
  readonly collections: readonly string[]
}
