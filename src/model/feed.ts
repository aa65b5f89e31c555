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
}

/** A feed with what `feeds list` and /api/feeds show beside it. */
export interface FeedStatus extends Feed {
  readonly itemCount: number
  readonly collections: readonly string[]
}
