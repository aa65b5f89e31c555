import type { Enclosure } from './parsed-feed.js'

/** One feed's copy of an article after normalization: safe HTML, plain-text title, absolute URLs, parsed dates. */
export interface Item {
  readonly guid: string | null
  /** Absolute URL of the article. */
  readonly url: string | null
  /** Plain text, never empty: falls back to a snippet of the content, then "(untitled)". */
  readonly title: string
  readonly author: string | null
  /** Plain text, bounded length. */
  readonly summary: string | null
  /** Sanitized HTML with absolute URLs. */
  readonly contentHtml: string | null
  /** Null when the feed gave no usable date; storage then keeps the first-seen time. */
  readonly publishedAt: Date | null
  readonly updatedAt: Date | null
  readonly categories: readonly string[]
  readonly enclosures: readonly Enclosure[]
}

/** An item with its identities (see dedupe/): inside its feed, across feeds, and a hash that detects edits. */
export interface KeyedItem extends Item {
  readonly itemKey: string
  readonly contentHash: string
  /** Canonical link that matches copies in other feeds; null when the link cannot identify a story. */
  readonly storyUrl: string | null
}
