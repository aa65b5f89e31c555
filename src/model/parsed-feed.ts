/** Which syntax a document was written in, as detected from its content. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json'

/** An enclosure (podcast audio, attached file) as the feed declared it. */
export interface Enclosure {
  readonly url: string
  readonly type: string | null
  readonly length: number | null
}

/**
 * One entry as written in the feed, before normalization: strings are raw
 * (titles may hold markup, URLs may be relative, dates are unparsed text).
 */
export interface ParsedEntry {
  readonly guid: string | null
  readonly link: string | null
  /** Raw title; `titleIsHtml` says whether it may contain markup or entities to decode. */
  readonly title: string | null
  readonly titleIsHtml: boolean
  readonly authors: readonly string[]
  /** Short description (RSS description, Atom summary, JSON summary); HTML. */
  readonly summaryHtml: string | null
  /** Full content (content:encoded, Atom content, JSON content_html or escaped content_text); HTML. */
  readonly contentHtml: string | null
  readonly published: string | null
  readonly updated: string | null
  readonly categories: readonly string[]
  readonly enclosures: readonly Enclosure[]
}

/** A feed document turned into plain data by the parse stage. */
export interface ParsedFeed {
  readonly format: FeedFormat
  readonly title: string | null
  /** The feed's home page (RSS channel link, Atom alternate link, JSON home_page_url); may be relative. */
  readonly siteUrl: string | null
  readonly description: string | null
  /** RSS `<ttl>` in minutes. */
  readonly ttlMinutes: number | null
  /** Syndication module `sy:updatePeriod` / `sy:updateFrequency` as seconds between updates. */
  readonly updatePeriodSeconds: number | null
  /** RSS `<skipHours>`: hours of the day (0-23, GMT) in which the feed asks not to be fetched. */
  readonly skipHours: readonly number[]
  /** RSS `<skipDays>`: days (0 = Sunday … 6 = Saturday, GMT) on which the feed asks not to be fetched. */
  readonly skipDays: readonly number[]
  readonly entries: readonly ParsedEntry[]
}
