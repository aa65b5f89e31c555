import { Parser } from 'htmlparser2'

/** The format a discovered feed announces; 'unknown' when a rel="feed" link names no feed type. */
export type DiscoveredFeedType = 'rss' | 'atom' | 'json' | 'unknown'

/** A feed an HTML page links to. */
export interface DiscoveredFeed {
  /** Absolute http(s) URL, resolved against the page's `<base href>` or the page URL. */
  readonly url: string
  readonly type: DiscoveredFeedType
  /** The link's title attribute with whitespace collapsed; null when absent or blank. */
  readonly title: string | null
}

// The types that make a rel="alternate" link a feed (the HTML Living Standard's "alternate" link type
// names the first two; application/feed+json is JSON Feed 1.1's, application/json is JSON Feed 1.0's).
// text/xml, application/xml and application/rdf+xml are deliberately absent: Firefox's discovery
// tests (corpus simplepie/tests/data/fftests.html, whose expectations SimplePie asserts too) require
// them to be ignored: pages also use them for FOAF, sitemaps and other XML or RDF that is no feed.
const FEED_TYPES: ReadonlyMap<string, DiscoveredFeedType> = new Map([
  ['application/rss+xml', 'rss'],
  ['application/atom+xml', 'atom'],
  ['application/feed+json', 'json'],
  ['application/json', 'json'],
])

// A rel="feed" link of these types points to an HTML page (a microformats h-feed), which
// Tributary cannot subscribe to.
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml'])

// rel is a set of space-separated tokens, split on ASCII whitespace (HTML Living Standard).
const ASCII_WHITESPACE = /[\t\n\f\r ]+/

/**
 * Returns the feeds an HTML page links to, in document order, without duplicates; the site's first
 * listed feed is its main one, so the first entry is the one to subscribe. Never throws: garbage
 * in gives [] out.
 *
 * A link counts when its rel tokens (ASCII case-insensitive) include "alternate" with a feed type
 * (not "alternate stylesheet", which HTML defines as an alternative style sheet), or include "feed",
 * whatever its type unless that is HTML. rel="feed" is no longer in the WHATWG standard (it was in
 * the HTML5 drafts and is on the microformats rel registry), but Firefox honours it and its tests
 * require it. `<link>` elements count anywhere in the document, as they do in browsers, since many
 * templates emit them in `<body>`; comments, scripts and `<title>` text are not markup, which a real
 * tokenizer (htmlparser2) gets right where a regex would not.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const pageBase = parseUrl(pageUrl, null)
  let base = pageBase
  let baseSeen = false
  const feeds: DiscoveredFeed[] = []
  const seen = new Set<string>()
  const parser = new Parser({
    onopentag(name, attributes) {
      // Only the first <base href> counts (HTML's "document base URL"), and only for links after
      // it: the feedfinder suite (html4-052) requires a base declared after a link to be ignored,
      // which is how browsers resolved links while parsing.
      if (name === 'base' && !baseSeen && attributes.href !== undefined) {
        baseSeen = true
        base = parseUrl(attributes.href, pageBase) ?? pageBase
        return
      }
      if (name !== 'link') return
      const feed = toDiscoveredFeed(attributes, base)
      if (feed === null || seen.has(feed.url)) return
      seen.add(feed.url)
      feeds.push(feed)
    },
  })
  parser.end(html)
  return feeds
}

function toDiscoveredFeed(attributes: Readonly<Record<string, string>>, base: URL | null): DiscoveredFeed | null {
  const rel = new Set(asciiLowercase(attributes.rel ?? '').split(ASCII_WHITESPACE))
  const type = mediaTypeEssence(attributes.type)
  let feedType: DiscoveredFeedType | undefined
  if (rel.has('feed')) {
    feedType = type === null ? 'unknown' : HTML_TYPES.has(type) ? undefined : (FEED_TYPES.get(type) ?? 'unknown')
  } else if (rel.has('alternate') && !rel.has('stylesheet') && type !== null) {
    feedType = FEED_TYPES.get(type)
  }
  if (feedType === undefined) return null

  // An empty href points back at the page itself, which is HTML, not a feed.
  const href = attributes.href?.trim() ?? ''
  if (href === '') return null
  const url = parseUrl(href, base)
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null
  if (type === 'application/json' && isWordPressApiLink(url)) return null

  const title = (attributes.title ?? '').replace(/[\t\n\f\r ]+/g, ' ').trim()
  return { url: url.href, type: feedType, title: title === '' ? null : title }
}

// WordPress's rest_output_link_wp_head() adds <link rel="alternate" type="application/json"> to posts
// and pages, pointing at their REST API record (/wp-json/… or ?rest_route=…), which is no feed.
function isWordPressApiLink(url: URL): boolean {
  return url.pathname.includes('/wp-json/') || url.searchParams.has('rest_route')
}

// "application/atom+xml; charset=utf-8" and " Application/Atom+XML " both mean application/atom+xml
// (the MIME Sniffing standard's essence: no parameters, ASCII-lowercased); null when absent or blank.
function mediaTypeEssence(type: string | undefined): string | null {
  const essence = asciiLowercase((type ?? '').split(';')[0] ?? '').trim()
  return essence === '' ? null : essence
}

// HTML's case-insensitivity is ASCII-only; String#toLowerCase would also fold e.g. U+212A KELVIN SIGN.
function asciiLowercase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
}

function parseUrl(input: string, base: URL | null): URL | null {
  return URL.canParse(input, base?.href) ? new URL(input, base?.href) : null
}
