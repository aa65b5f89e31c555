import type { FeedFormat } from '../model/index.js'
import { ParseError } from './errors.js'
import { scanProlog } from './scan-prolog.js'

const HTML_ROOTS = new Set(['html', 'head', 'body'])

// Judged by content alone, never by Content-Type, which servers often get wrong.
/** Returns a decoded document's feed syntax; throws ParseError (html page, invalid JSON, unknown format). */
export function detectFormat(text: string): FeedFormat {
  const start = text.replace(/^\uFEFF?\s*/, '')
  if (start.startsWith('{')) return detectJson(start)
  const { doctype, rootName } = scanProlog(start)
  const localName = rootName?.slice(rootName.indexOf(':') + 1) ?? ''
  // The root element decides: some feeds carry a copy-pasted XHTML DOCTYPE.
  if (localName === 'rss') return 'rss'
  if (localName === 'RDF') return 'rdf'
  if (localName === 'feed') return 'atom'
  if (HTML_ROOTS.has(localName.toLowerCase()) || doctype?.rootName.toLowerCase() === 'html') throw htmlPage()
  throw unknownFormat()
}

// JSON Feed 1.0/1.1 §"JSON Feed version": `version` is the spec URL. Some producers write a bare
// "1.1", so an `items` array is accepted as evidence too.
function detectJson(text: string): FeedFormat {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err: unknown) {
    throw new ParseError('parse_invalid_json', 'parse: document starts like JSON but is not valid JSON', {
      cause: err,
    })
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { version, items } = value as Record<string, unknown>
    if (typeof version === 'string' && version.includes('jsonfeed.org')) return 'json'
    if (Array.isArray(items)) return 'json'
  }
  throw unknownFormat()
}

function htmlPage(): ParseError {
  return new ParseError('parse_html_page', 'parse: got an HTML page, not a feed')
}

function unknownFormat(): ParseError {
  return new ParseError('parse_unknown_format', 'parse: document is not RSS, RDF, Atom or JSON Feed')
}
