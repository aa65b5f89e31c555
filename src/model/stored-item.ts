import type { Enclosure } from './parsed-feed.js'

/** An item as stored, with the ids that tie it to its feed and its story. */
export interface StoredItem {
  readonly id: number
  /** The story's public id, shared by every copy of the same story. */
  readonly storyId: string
  readonly feedId: number
  readonly url: string | null
  readonly title: string
  readonly author: string | null
  /** The feed's date, or the time the item was first seen when the feed gave none. */
  readonly publishedAt: Date
  readonly updatedAt: Date | null
  readonly summary: string | null
  readonly contentHtml: string | null
  readonly categories: readonly string[]
  readonly enclosures: readonly Enclosure[]
  /** With a search: an HTML excerpt with the matched words in `<mark>`; otherwise null. */
  readonly snippet: string | null
  /** Why this copy joined its story: `first` (it started the story), `canonical_url`, `fingerprint`, `lead` or `title` (dedupe sameStory). */
  readonly matchRule: string
  /** For fingerprint rules, how many of the 256 fingerprint bits differed from the copy it matched. */
  readonly matchDistance: number | null
}

/** One page of a keyset-paginated listing; `nextCursor` is null on the last page. */
export interface Page<T> {
  readonly items: readonly T[]
  readonly nextCursor: string | null
}
