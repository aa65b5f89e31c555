/** One subscription in an OPML list. */
export interface OpmlFeed {
  /** Absolute http(s) URL of the feed document (the outline's xmlUrl). */
  readonly url: string
  readonly title: string | null
  /** The outline's htmlUrl, when it is an absolute http(s) URL. */
  readonly siteUrl: string | null
  /** Names of the folders the feed sits in; empty for a top-level feed. */
  readonly folders: readonly string[]
}

/** An outline parseOpml could not take as a feed, with the reason. */
export interface OpmlSkipped {
  readonly url: string
  readonly reason: string
}

/** What parseOpml reads from a subscription list. */
export interface OpmlDocument {
  /** The head's title, when it has one. */
  readonly title: string | null
  /** One entry per feed URL, in document order; a feed listed in several folders has them all. */
  readonly feeds: readonly OpmlFeed[]
  /** Outlines left out of feeds because their xmlUrl is not an absolute http(s) URL (e.g. newsboat's "|command" feeds). */
  readonly skipped: readonly OpmlSkipped[]
}

/** What renderOpml writes. */
export interface OpmlExport {
  readonly title: string
  readonly feeds: readonly OpmlFeed[]
  /** Written as head/dateCreated when given; never read from the clock. */
  readonly dateCreated?: Date
}
