import type { Enclosure, ItemSource, Link, Person } from './parsed-feed.js'

/** An enclosure after normalization: absolute URL, lower-case type, and its play time in seconds when known. */
export interface ItemEnclosure extends Enclosure {
  readonly durationSeconds: number | null
}

/** One feed's copy of an article after normalization: safe HTML, plain-text title, absolute URLs, parsed dates. */
export interface Item {
  readonly guid: string | null
  /** RSS `<guid isPermaLink>`; null when the entry had no RSS guid. */
  readonly guidIsPermaLink: boolean | null
  /** Absolute URL of the article. */
  readonly url: string | null
  /** Every link of the entry, absolute, with its rel. */
  readonly links: readonly Link[]
  /** Plain text, never empty: falls back to a snippet of the content, then "(untitled)". */
  readonly title: string
  /** The first author's name (else email) as plain text. */
  readonly author: string | null
  /** Every author: plain-text name, email, absolute home page. */
  readonly authors: readonly Person[]
  /** Plain text, bounded length. */
  readonly summary: string | null
  /** Sanitized HTML with absolute URLs. */
  readonly contentHtml: string | null
  /** Null when the feed gave no usable date; storage then keeps the first-seen time. */
  readonly publishedAt: Date | null
  readonly updatedAt: Date | null
  readonly categories: readonly string[]
  readonly enclosures: readonly ItemEnclosure[]
  /** Absolute URL of a thumbnail image. */
  readonly image: string | null
  /** The feed the entry was copied from, with an absolute URL. */
  readonly source: ItemSource | null
  /** Hash of the parsed entry it was normalized from (normalize/ rawEntryHash); absent on items built by hand. */
  readonly rawHash?: string
  /**
   * The entry is the one stored at the feed's last fetch (its rawHash was known): only its identity
   * was worked out (title, link, guid, dates), its content, summary and fingerprints were not, and the
   * store only marks it seen.
   */
  readonly unchanged?: true
}

/** An item with its identities (see dedupe/): inside its feed, across feeds, and a hash that detects edits. */
export interface KeyedItem extends Item {
  readonly itemKey: string
  readonly contentHash: string
  /** Canonical link that matches copies in other feeds; null when the link cannot identify a story. */
  readonly storyUrl: string | null
}
