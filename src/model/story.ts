import type { Enclosure } from './parsed-feed.js'

/** A feed that carried a story, as named in a published entry. */
export interface EntrySource {
  readonly feedId: number
  readonly title: string | null
  /** The feed document's URL. */
  readonly feedUrl: string
  /** The feed's home page, when it has one. */
  readonly siteUrl: string | null
  /** This feed's link to the story. */
  readonly itemUrl: string | null
}

/** One story as a published entry: the representative copy's fields plus every source that carried it. */
export interface StoryEntry {
  /** Stable public id (a urn:uuid), minted once and stored. */
  readonly id: string
  readonly title: string
  readonly url: string | null
  readonly author: string | null
  readonly summary: string | null
  readonly contentHtml: string | null
  /** Never null: an undated item keeps the time it was first seen. */
  readonly publishedAt: Date
  readonly updatedAt: Date
  readonly categories: readonly string[]
  readonly enclosures: readonly Enclosure[]
  /** The representative copy's feed first, then the others. Never empty. */
  readonly sources: readonly EntrySource[]
}

/** What a published document says about the collection it renders. */
export interface CollectionMeta {
  readonly name: string
  readonly title: string
  readonly description: string | null
}
