import Parser from 'rss-parser'
import { coerceError } from '../errors.js'
import type { Enclosure, FeedFormat, ParsedEntry, ParsedFeed } from '../model/index.js'
import { ParseError } from './errors.js'
import { repairXml } from './repair-xml.js'
import { textToHtml } from './text-to-html.js'
import { attrOf, firstText, isRecord, nodesOf, textOf, trimmed } from './xml-node.js'

// rss-parser's parseItemAtom turns <published>/<updated> into `new Date(x).toISOString()`, which
// throws on any non-ISO date and so rejects the whole feed, and it drops <updated> when <published>
// exists. Renaming the two elements while xml2js builds the tree hides them from that code; they
// come back, raw, through customFields.
const PUBLISHED = 'tributary:published'
const UPDATED = 'tributary:updated'

const KEEP = { keepArray: true }

// Raw xml2js nodes (attributes included) for everything rss-parser flattens or drops.
const ITEM_FIELDS = [
  ['title', 'rawTitle', KEEP],
  ['link', 'rawLinks', KEEP],
  ['guid', 'rawGuid', KEEP],
  ['author', 'rawAuthors', KEEP],
  ['dc:creator', 'rawCreators', KEEP],
  ['dc:author', 'rawDcAuthors', KEEP],
  ['atom:author', 'rawAtomAuthors', KEEP],
  ['itunes:author', 'rawItunesAuthors', KEEP],
  ['category', 'rawCategories', KEEP],
  ['dc:subject', 'rawSubjects', KEEP],
  ['enclosure', 'rawEnclosures', KEEP],
  ['media:content', 'rawMediaContents', KEEP],
  ['media:group', 'rawMediaGroups', KEEP],
  ['summary', 'rawSummary', KEEP],
  ['content', 'rawContent', KEEP],
  ['dc:description', 'rawDcDescription', KEEP],
  ['itunes:summary', 'rawItunesSummary', KEEP],
  ['atom:content', 'rawAtomContent', KEEP],
  [PUBLISHED, 'rawPublished', KEEP],
  [UPDATED, 'rawUpdated', KEEP],
  ['atom:published', 'rawAtomPublished', KEEP],
  ['atom:updated', 'rawAtomUpdated', KEEP],
  ['dcterms:modified', 'rawDctermsModified', KEEP],
  // Atom 0.3 names for published/updated.
  ['issued', 'rawIssued', KEEP],
  ['modified', 'rawModified', KEEP],
]

// rss-parser's typings allow only plain names for feed fields, but its copyFromXML reads the same
// [from, to, { keepArray }] tuples for the feed as for items.
const FEED_FIELDS = [
  ['link', 'rawLinks', KEEP],
  ['atom:link', 'rawAtomLinks', KEEP],
  ['dc:description', 'rawDcDescription', KEEP],
  ['itunes:summary', 'rawItunesSummary', KEEP],
  ['author', 'rawAuthors', KEEP],
  ['subtitle', 'rawSubtitle', KEEP],
  ['tagline', 'rawTagline', KEEP],
] as unknown as string[]

type RawNode = Record<string, unknown>

/** Returns the feed in RSS 0.9x/2.0, RSS 1.0 or Atom text; throws ParseError `parse_invalid_xml` wrapping rss-parser's error. */
export async function parseRssAtom(text: string, format: Exclude<FeedFormat, 'json'>, url: string): Promise<ParsedFeed> {
  const parser = new Parser<RawNode, RawNode>({
    // A root <rss> with no or an odd version is read as RSS 2.0, as most readers do.
    defaultRSS: 2,
    xml2js: { tagNameProcessors: [renameDateElements] },
    customFields: { feed: FEED_FIELDS, item: ITEM_FIELDS },
  })
  let feed: RawNode
  try {
    feed = await parser.parseString(repairXml(text))
  } catch (err: unknown) {
    const detail = coerceError(err).message.split('\n')[0]
    throw new ParseError('parse_invalid_xml', `parse: invalid ${format} document at ${url}: ${detail}`, { cause: err })
  }
  const items = nodesOf(feed.items).filter(isRecord)
  if (format === 'atom') {
    const feedAuthors = authorNames(feed.rawAuthors)
    return {
      format,
      title: trimmed(textOf(feed.title)),
      siteUrl: atomAlternateLink(feed.rawLinks),
      description: firstText(feed.rawSubtitle) ?? firstText(feed.rawTagline),
      ttlMinutes: null,
      updatePeriodSeconds: null,
      skipHours: [],
      skipDays: [],
      entries: items.map((item) => atomEntry(item, feedAuthors)),
    }
  }
  return {
    format,
    title: trimmed(textOf(feed.title)),
    siteUrl: firstText(feed.rawLinks) ?? atomAlternateLink(feed.rawAtomLinks),
    description: trimmed(textOf(feed.description)) ?? firstText(feed.rawDcDescription) ?? firstText(feed.rawItunesSummary),
    ttlMinutes: parseCount(textOf(feed.ttl)),
    updatePeriodSeconds: null,
    skipHours: [],
    skipDays: [],
    entries: items.map(rssEntry),
  }
}

function renameDateElements(name: string): string {
  if (name === 'published') return PUBLISHED
  if (name === 'updated') return UPDATED
  return name
}

function rssEntry(item: RawNode): ParsedEntry {
  const guidNode = nodesOf(item.rawGuid)[0]
  const guid = trimmed(textOf(guidNode))
  return {
    // RSS 1.0 §5.5: an item's rdf:about is its URI, the nearest thing to a guid.
    guid: guid ?? trimmed(typeof item['rdf:about'] === 'string' ? item['rdf:about'] : null),
    link: firstText(item.rawLinks) ?? permalinkGuid(guidNode),
    title: trimmed(textOf(item.title)),
    titleIsHtml: true,
    authors: [item.rawAuthors, item.rawCreators, item.rawDcAuthors, item.rawAtomAuthors, item.rawItunesAuthors].flatMap(authorNames),
    // Podcasts often carry only <itunes:summary>; RSS 1.0 modules sometimes only <dc:description>.
    summaryHtml: nonBlank(textOf(item.content)) ?? firstText(item.rawDcDescription) ?? firstText(item.rawItunesSummary),
    contentHtml: nonBlank(textOf(item['content:encoded'])) ?? atomHtml(nodesOf(item.rawAtomContent)[0], undefined),
    published: trimmed(textOf(item.pubDate)) ?? trimmed(textOf(item.date)) ?? datesOf(item, 'published'),
    updated: datesOf(item, 'updated'),
    categories: [...nodesOf(item.rawCategories), ...nodesOf(item.rawSubjects)]
      .map((node) => trimmed(textOf(node) ?? attrOf(node, 'term')))
      .filter((category) => category !== null),
    enclosures: [...rssEnclosures(item.rawEnclosures), ...mediaEnclosures(item)],
  }
}

// RSS 2.0 <guid>: "isPermaLink is optional, its default value is true", and then the guid is the
// item's URL. Used only when the item has no <link>.
function permalinkGuid(node: unknown): string | null {
  if (attrOf(node, 'isPermaLink')?.trim().toLowerCase() === 'false') return null
  const text = trimmed(textOf(node))
  return text !== null && /^https?:\/\//i.test(text) ? text : null
}

function atomEntry(item: RawNode, feedAuthors: readonly string[]): ParsedEntry {
  const titleNode = nodesOf(item.rawTitle)[0]
  const authors = authorNames(item.rawAuthors)
  return {
    guid: trimmed(textOf(item.id)),
    link: atomAlternateLink(item.rawLinks),
    title: trimmed(textOf(titleNode)),
    titleIsHtml: atomTextKind(titleNode) !== 'text',
    // RFC 4287 §4.2.1: an entry without atom:author inherits the feed's authors.
    authors: authors.length > 0 ? authors : feedAuthors,
    summaryHtml: atomHtml(nodesOf(item.rawSummary)[0], item.summary),
    contentHtml: atomHtml(nodesOf(item.rawContent)[0], item.content),
    published: datesOf(item, 'published'),
    updated: datesOf(item, 'updated'),
    // RFC 4287 §4.2.2: `label` is "a human-readable label for display"; `term` identifies it.
    categories: nodesOf(item.rawCategories)
      .map((node) => trimmed(attrOf(node, 'label')) ?? trimmed(attrOf(node, 'term') ?? textOf(node)))
      .filter((category) => category !== null),
    enclosures: [...atomEnclosures(item.rawLinks), ...mediaEnclosures(item)],
  }
}

function datesOf(item: RawNode, which: 'published' | 'updated'): string | null {
  if (which === 'published') {
    return firstText(item.rawPublished) ?? firstText(item.rawAtomPublished) ?? firstText(item.rawIssued)
  }
  return (
    firstText(item.rawUpdated) ??
    firstText(item.rawAtomUpdated) ??
    firstText(item.rawDctermsModified) ??
    firstText(item.rawModified)
  )
}

// RFC 4287 §3.1.1 (type="text" | "html" | "xhtml"); Atom 0.3 used MIME types instead.
function atomTextKind(node: unknown): 'text' | 'html' | 'xhtml' {
  const type = attrOf(node, 'type')?.trim().toLowerCase()
  if (type === 'html' || type === 'text/html') return 'html'
  if (type === 'xhtml' || type === 'application/xhtml+xml') return 'xhtml'
  return 'text'
}

// `built` is rss-parser's rendering of the same element: for type="xhtml" (and for html that was
// written as child elements instead of escaped text) it is the only markup we get.
function atomHtml(node: unknown, built: unknown): string | null {
  // RFC 4287 §4.1.3.2: content with `src` is out of line; there is nothing to show inline.
  if (node === undefined || attrOf(node, 'src') !== null) return null
  const rendered = typeof built === 'string' ? built : null
  const text = textOf(node)
  switch (atomTextKind(node)) {
    case 'text':
      return nonBlank(text === null ? rendered : textToHtml(text, { lineBreaks: false }))
    case 'html':
      return nonBlank(text ?? rendered)
    case 'xhtml':
      return nonBlank(rendered)
  }
}

function atomAlternateLink(value: unknown): string | null {
  // RFC 4287 §4.2.7.2: a link without rel is rel="alternate". Prefer the HTML alternate when
  // several are given (e.g. one per media type).
  const alternates = nodesOf(value).filter(
    (node) => (attrOf(node, 'rel')?.trim() || 'alternate') === 'alternate' && trimmed(attrOf(node, 'href')) !== null,
  )
  const html = alternates.find((node) => /html/i.test(attrOf(node, 'type') ?? 'text/html'))
  return trimmed(attrOf(html ?? alternates[0], 'href'))
}

function authorNames(value: unknown): string[] {
  // RSS <author>/<dc:creator> are text; Atom <author> holds <name>, <email> and <uri>, of which
  // only <name> is required (RFC 4287 §3.2), so <email> is the fallback.
  return nodesOf(value)
    .map((node) => trimmed(textOf(node)) ?? (isRecord(node) ? personName(node) : null))
    .filter((name) => name !== null)
}

// Inside RSS the Atom children are prefixed (<atom:author><atom:name>).
function personName(node: RawNode): string | null {
  return firstText(node.name) ?? firstText(node['atom:name']) ?? firstText(node.email) ?? firstText(node['atom:email'])
}

function rssEnclosures(value: unknown): Enclosure[] {
  return nodesOf(value).flatMap((node) => enclosure(node, 'url', 'length'))
}

function atomEnclosures(value: unknown): Enclosure[] {
  return nodesOf(value)
    .filter((node) => attrOf(node, 'rel')?.trim() === 'enclosure')
    .flatMap((node) => enclosure(node, 'href', 'length'))
}

// Media RSS (https://www.rssboard.org/media-rss) <media:content>, alone or inside <media:group>.
function mediaEnclosures(item: RawNode): Enclosure[] {
  const groups = nodesOf(item.rawMediaGroups).flatMap((group) => (isRecord(group) ? nodesOf(group['media:content']) : []))
  return [...nodesOf(item.rawMediaContents), ...groups].flatMap((node) => enclosure(node, 'url', 'fileSize'))
}

function enclosure(node: unknown, urlAttr: string, lengthAttr: string): Enclosure[] {
  const url = trimmed(attrOf(node, urlAttr))
  if (url === null) return []
  return [{ url, type: trimmed(attrOf(node, 'type')), length: parseCount(attrOf(node, lengthAttr)) }]
}

function parseCount(text: string | null): number | null {
  const digits = text?.trim() ?? ''
  if (!/^\d+$/.test(digits)) return null
  const count = Number(digits)
  return Number.isSafeInteger(count) ? count : null
}

function nonBlank(html: string | null): string | null {
  return html === null || html.trim() === '' ? null : html
}
