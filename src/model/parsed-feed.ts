/** Which syntax a document was written in, as detected from its content. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json'

/** An enclosure (podcast audio, attached file) as the feed declared it. */
export interface Enclosure {
  readonly url: string
  readonly type: string | null
  readonly length: number | null
}

/** An enclosure as written in the feed, with its play time as raw text when the feed gave one. */
export interface ParsedEnclosure extends Enclosure {
  /** iTunes `HH:MM:SS` / `MM:SS` / seconds, Media RSS or JSON Feed seconds; unparsed. */
  readonly duration: string | null
}

/** A person named by a feed (RSS author, dc:creator, Atom person construct, JSON Feed author). */
export interface Person {
  readonly name: string | null
  readonly email: string | null
  /** Home page (Atom `uri`, Atom 0.3 `url`, JSON Feed `url`). */
  readonly url: string | null
}

/** A link with its relation (Atom `link`, `atom:link` inside RSS). */
export interface Link {
  readonly url: string
  /** RFC 4287 §4.2.7.2: `alternate` when the feed gave none. */
  readonly rel: string
  readonly type: string | null
  readonly title: string | null
}

/** The feed an entry was copied from (RSS 2.0 `<source>`, Atom `<source>`). */
export interface ItemSource {
  readonly title: string | null
  readonly url: string | null
}

/**
 * One entry as written in the feed, before normalization: strings are raw
 * (titles may hold markup, URLs may be relative, dates are unparsed text).
 */
export interface ParsedEntry {
  readonly guid: string | null
  /** RSS 2.0 `<guid isPermaLink>` (true when the attribute is absent); null when the entry has no RSS guid. */
  readonly guidIsPermaLink: boolean | null
  readonly link: string | null
  /** Every link the entry carries, with its rel (the alternate `link` above among them). */
  readonly links: readonly Link[]
  /** Raw title; `titleIsHtml` says whether it may contain markup or entities to decode. */
  readonly title: string | null
  readonly titleIsHtml: boolean
  /** Display name of each author (name, else email), in document order. */
  readonly authors: readonly string[]
  /** The same authors with their parts: RSS texts stay whole in `name` ("email (Name)"). */
  readonly authorDetails: readonly Person[]
  /** Short description (RSS description, Atom summary, JSON summary); HTML. */
  readonly summaryHtml: string | null
  /** Full content (content:encoded, Atom content, JSON content_html or escaped content_text); HTML. */
  readonly contentHtml: string | null
  /**
   * Absolute `xml:base` in scope for the content (XML Base §4.2, resolved against the document URL);
   * null when the document sets none. URLs under a base are already resolved against it.
   */
  readonly baseUrl: string | null
  readonly published: string | null
  readonly updated: string | null
  readonly categories: readonly string[]
  readonly enclosures: readonly ParsedEnclosure[]
  /** Thumbnail (media:thumbnail, itunes:image, JSON Feed image). */
  readonly image: string | null
  readonly source: ItemSource | null
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
