/** The fields the conformance report rates, per item (and `feed title`/`feed link` per document). */
export const FIELDS = ['title', 'link', 'date', 'id', 'content', 'enclosures', 'authors', 'feed title', 'feed link'] as const

/** One field the report rates. */
export type Field = (typeof FIELDS)[number]

/** What one check expects, in a form independent of the source's own model. */
export type Expected =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'url'; readonly value: string }
  | { readonly kind: 'date'; readonly which: 'published' | 'updated'; readonly value: Date }
  | { readonly kind: 'html'; readonly which: 'content' | 'summary'; readonly value: string }
  | { readonly kind: 'enclosure'; readonly index: number | null; readonly url: string | null; readonly type: string | null; readonly length: number | null }
  | { readonly kind: 'person'; readonly name: string | null; readonly email: string | null; readonly url: string | null }

/** One expected value for one field of one item (`item` null: the feed itself). */
export interface Check {
  readonly field: Field
  readonly item: number | null
  readonly expected: Expected
}

/** A corpus document with the expected values its source gives for it. */
export interface ConformanceCase {
  /** Report row: `gofeed`, `rss-parser`, `feedparser`, `feedparser-encoding`, `feedparser-entities`. */
  readonly source: string
  /** Path relative to the corpus. */
  readonly file: string
  readonly contentType: string | null
  /** The URL the document is taken to come from (relative references resolve against it). */
  readonly feedUrl: string
  readonly checks: readonly Check[]
}
