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
  /** Absolute URL of the next (older) page: RFC 5005 rel="next" in Atom and RSS, JSON Feed next_url; null on the last page. */
  readonly nextUrl: string | null
  /** When the collection last changed: Atom feed updated, RSS lastBuildDate. Never the clock, so output is reproducible. */
  readonly updatedAt: Date
  /** Atom and RSS generator text, e.g. "Tributary 0.1.0"; "Tributary" when left out. */
  readonly generator?: string
}
