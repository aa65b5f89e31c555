import Parser from 'rss-parser'
import type { FeedFormat } from '../model/index.js'
import { isRecord, nodesOf } from './xml-node.js'
import type { RawNode } from './xml-node.js'

/** The raw xml2js elements of a feed document: the channel (RSS, RDF) or feed (Atom) element, and its entries. */
export interface RawFeed {
  /** Holds the children named in FEED_ELEMENTS, and `$` for its attributes. */
  readonly feed: RawNode
  /** RSS 1.0 items hold the children named in ITEM_ELEMENTS; RSS 0.9x/2.0 items and Atom entries are whole. */
  readonly entries: readonly RawNode[]
}

/** The document's root element as scanProlog read it: rss-parser does not expose it. */
export interface RootElement {
  readonly name: string | null
  readonly attributes: Readonly<Record<string, string>>
}

/** Atom `<link>` elements, renamed: rss-parser's getLink reads `link.$.rel` and throws on a link without attributes. */
export const ATOM_LINK = 'tributary:link'
// Atom entries and RSS 0.9x/2.0 items are renamed so that rss-parser does not map them: we read
// the raw elements anyway, and its mapping costs time (an HTML snippet of every description) or
// fails (parseItemAtom throws on any date `new Date()` cannot read, and drops <updated> beside
// <published>, all authors but one, and the order of xhtml content). They come back whole through
// a custom field of the channel or feed. RSS 1.0 items sit outside the channel, out of reach of
// those fields, so rss-parser maps them and their raw children come back through item fields.
const ENTRY = 'tributary:entry'

/** The channel and feed children the parse stage reads. */
export const FEED_ELEMENTS = [
  'title', 'dc:title', 'link', 'atom:link', 'description', 'dc:description', 'itunes:summary', 'subtitle', 'tagline',
  'author', 'ttl', 'skipHours', 'skipDays', 'sy:updatePeriod', 'sy:updateFrequency', ATOM_LINK,
] as const

/** The RDF item children the parse stage reads (rss-parser keeps only the first of most). */
export const ITEM_ELEMENTS = [
  'title', 'dc:title', 'media:title', 'link', 'atom:link', 'guid', 'description', 'content:encoded', 'atom:content', 'atom:summary',
  'xhtml:body', 'body', 'fullitem', 'dc:description', 'itunes:summary', 'itunes:subtitle',
  'author', 'dc:creator', 'dc:author', 'atom:author', 'itunes:author',
  'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'dcterms:modified', 'atom:published', 'atom:updated',
  'category', 'dc:subject', 'enclosure', 'itunes:duration', 'itunes:image',
  'media:content', 'media:group', 'media:thumbnail', 'media:description', 'source',
] as const

const KEEP = { keepArray: true }
const RAW = 'raw:'

// Each format's own namespaces: a prefix the root binds to one of them is stripped from element
// names, so that `<atom:feed>` or `<rss:item>` read like their unprefixed forms. (Atom's namespace
// is not RSS's own: `atom:link` inside RSS stays `atom:link`.)
const OWN_NAMESPACES: Readonly<Record<Exclude<FeedFormat, 'json'>, readonly string[]>> = {
  atom: ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#'],
  rdf: ['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/'],
  rss: ['http://backend.userland.com/rss2'],
}

// rss-parser is the XML parser (xml2js, strict, with HTML entities known): it builds the tree, and
// its customFields with keepArray hand back the raw elements it would otherwise flatten or drop.
/** Returns the raw elements of an RSS, RDF or Atom document; throws whatever rss-parser throws on XML it cannot read. */
export async function readXmlFeed(text: string, format: Exclude<FeedFormat, 'json'>, root: RootElement): Promise<RawFeed> {
  const prefixes = ownPrefixes(format, root)
  let sawChannel = false
  const rename = (name: string): string => {
    const colon = name.indexOf(':')
    const local = colon > 0 && prefixes.has(name.slice(0, colon)) ? name.slice(colon + 1) : name
    if (local === 'channel') sawChannel = true
    // rss-parser looks for exactly `rdf:RDF`, whatever prefix the document gave the root.
    if (format === 'rdf') return /^(?:[\w.-]+:)?RDF$/.test(local) ? 'rdf:RDF' : local
    if (format === 'rss') return local === 'item' ? ENTRY : local
    return local === 'entry' ? ENTRY : local === 'link' ? ATOM_LINK : local
  }
  const parser = new Parser<RawNode, RawNode>({
    // A root <rss> with no or an odd version is read as RSS 2.0, as most readers do.
    defaultRSS: 2,
    xml2js: { tagNameProcessors: [rename] },
    customFields: {
      // rss-parser's typings allow only plain names for feed fields, but its copyFromXML reads the
      // same [from, to, { keepArray }] tuples for the feed as for items.
      feed: [...rawFields(FEED_ELEMENTS), [ENTRY, `${RAW}entries`, KEEP]] as unknown as string[],
      item: format === 'rdf' ? rawFields(ITEM_ELEMENTS) : [],
    },
  })
  let parsed: RawNode
  try {
    parsed = await parser.parseString(text)
  } catch (err: unknown) {
    // rss-parser reads `channel[0]` unchecked. A well-formed <rss> or <rdf:RDF> without a channel
    // (xml2js errors are not TypeErrors) is an empty feed, as gofeed reads it, not a broken one.
    if (err instanceof TypeError && format !== 'atom' && !sawChannel) return { feed: {}, entries: [] }
    throw err
  }
  const feed = rawView(parsed, FEED_ELEMENTS)
  if (format !== 'rdf') return { feed, entries: nodesOf(parsed[`${RAW}entries`]).filter(isRecord) }
  return { feed, entries: nodesOf(parsed.items).filter(isRecord).map((item) => rawView(item, ITEM_ELEMENTS)) }
}

function rawFields(names: readonly string[]): [string, string, typeof KEEP][] {
  return [['$', `${RAW}$`, KEEP], ...names.map((name): [string, string, typeof KEEP] => [name, RAW + name, KEEP])]
}

function rawView(mapped: RawNode, names: readonly string[]): RawNode {
  const view: RawNode = { $: mapped[`${RAW}$`] }
  for (const name of names) {
    const value = mapped[RAW + name]
    if (value !== undefined) view[name] = value
  }
  return view
}

function ownPrefixes(format: Exclude<FeedFormat, 'json'>, root: RootElement): Set<string> {
  const prefixes = new Set<string>()
  for (const [attribute, value] of Object.entries(root.attributes)) {
    if (attribute.startsWith('xmlns:') && OWN_NAMESPACES[format].includes(value.trim())) prefixes.add(attribute.slice(6))
  }
  // The root's own prefix (`<r:rss>`, `<a:feed>`) is the feed's, declared or not; RDF's root is rdf:RDF.
  const colon = root.name?.indexOf(':') ?? -1
  if (format !== 'rdf' && root.name !== null && colon > 0) prefixes.add(root.name.slice(0, colon))
  return prefixes
}
