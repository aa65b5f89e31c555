import type { CollectionMeta, StoryEntry } from '../model/index.js'

/** The syndication formats a collection is published in. */
export type PublishFormat = 'rss' | 'atom' | 'json'

/** Everything one published document says; the caller fetches it, orders the entries newest first and pages them. */
export interface PublishInput {
  readonly collection: CollectionMeta
  /** Rendered in the given order (newest first is the caller's job). */
  readonly entries: readonly StoryEntry[]
  /** Absolute URL of the document being rendered: Atom rel="self", RSS atom:link rel="self", JSON feed_url. */
  readonly selfUrl: string
  /** Absolute URL of the HTML page for the collection: Atom rel="alternate", RSS link, JSON home_page_url. */
  readonly htmlUrl: string
  /** Absolute URL of the first (newest) page: RFC 5005 rel="first" in Atom and RSS, `_tributary.first_url` in JSON Feed. */
  readonly firstUrl: string
  /** Absolute URL of the previous (newer) page: RFC 5005 rel="previous", `_tributary.previous_url`; null on the first page. */
  readonly previousUrl: string | null
  /** Absolute URL of the next (older) page: RFC 5005 rel="next" in Atom and RSS, JSON Feed next_url; null on the last page. */
  readonly nextUrl: string | null
  /** Absolute URL of the WebSub hub: Atom and RSS rel="hub", JSON Feed hubs; null when there is none. */
  readonly hubUrl: string | null
  /** Absolute URL of the collection's icon: Atom icon, RSS image, JSON Feed icon and favicon; null when there is none. */
  readonly iconUrl: string | null
  /**
   * URL of the XSLT stylesheet that shows RSS and Atom as a page in a browser (an xml-stylesheet
   * processing instruction), absolute or relative to the document; null for none. JSON Feed has no such thing.
   */
  readonly stylesheetUrl: string | null
  /** When the collection last changed: Atom feed updated, RSS lastBuildDate. Never the clock, so output is reproducible. */
  readonly updatedAt: Date
  /** Atom and RSS generator text, e.g. "Tributary 0.1.0"; "Tributary" when left out. */
  readonly generator?: string
}
