import { coerceError } from '../errors.js'
import type { FeedFormat, ParsedFeed } from '../model/index.js'
import { atomFeed } from './atom-feed.js'
import { ParseError } from './errors.js'
import { inlineNakedHtml, inlineXhtml } from './inline-markup.js'
import { readXmlFeed } from './read-xml-feed.js'
import type { RawFeed, RootElement } from './read-xml-feed.js'
import { recoverXml } from './recover-xml.js'
import { repairXml } from './repair-xml.js'
import { rssFeed } from './rss-feed.js'
import { rootAttributes, scanProlog } from './scan-prolog.js'
import { documentScope, withBase } from './xml-base.js'
import { childrenOf, hasChildElements } from './xml-node.js'

// Elements that hold text or escaped HTML, where child elements mean unescaped markup.
const TEXT_ELEMENTS = ['title', 'description', 'content:encoded', 'summary', 'content', 'atom:summary', 'atom:content', 'body', 'xhtml:body']

type Format = Exclude<FeedFormat, 'json'>

// The XML path: repair what strict parsing cannot take (DOCTYPE and its entities, bare `&`,
// forbidden characters), rewrite Atom xhtml so it survives in order, then let rss-parser parse.
// When that fails (mismatched or unclosed tags, a truncated document, an unknown entity), the
// document is rebuilt from what a strict parser can read and parsed once more; only when that
// fails too is the feed rejected, with the first error. A feed with unescaped markup in its items
// is parsed again with that markup rewritten as well (keeping the first reading if that fails).
/** Returns the feed in RSS 0.9x/2.0, RSS 1.0 or Atom text fetched from `url`; throws ParseError `parse_invalid_xml` when nothing can be read. */
export async function parseRssAtom(text: string, format: Format, url: string): Promise<ParsedFeed> {
  const prepared = inlineXhtml(repairXml(text))
  const prolog = scanProlog(prepared)
  const root = { name: prolog.rootName, attributes: rootAttributes(prepared, prolog) }
  let read: { text: string; raw: RawFeed }
  try {
    read = { text: prepared, raw: await readXmlFeed(prepared, format, root) }
  } catch (err: unknown) {
    const recovered = inlineXhtml(recoverXml(prepared))
    read = { text: recovered, raw: await readOrReject(recovered, format, root, url, err) }
  }
  if (hasNakedMarkup(read.raw)) {
    const rewritten = await readXmlFeed(inlineNakedHtml(read.text), format, root).catch(() => null)
    if (rewritten !== null) read = { ...read, raw: rewritten }
  }
  // rss-parser does not expose the root of an RSS or RDF document, so its xml:base is read here.
  const rootScope = withBase(documentScope(url), format === 'atom' ? null : (root.attributes['xml:base'] ?? null))
  return format === 'atom' ? atomFeed(read.raw, rootScope) : rssFeed(read.raw, format, rootScope)
}

async function readOrReject(text: string, format: Format, root: RootElement, url: string, firstError: unknown): Promise<RawFeed> {
  try {
    return await readXmlFeed(text, format, root)
  } catch {
    const detail = coerceError(firstError).message.split('\n')[0]
    throw new ParseError('parse_invalid_xml', `parse: invalid ${format} document at ${url}: ${detail}`, { cause: firstError })
  }
}

function hasNakedMarkup(raw: RawFeed): boolean {
  return [raw.feed, ...raw.entries].some((node) => TEXT_ELEMENTS.some((name) => childrenOf(node, name).some(hasChildElements)))
}
