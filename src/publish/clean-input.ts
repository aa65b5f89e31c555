import { cutHtml } from '../html/index.js'
import type { EntrySource, StoryEntry } from '../model/index.js'
import { PublishError } from './errors.js'
import type { PublishInput } from './publish-input.js'

/** A feed that carried a story, with absolute http(s) URLs and XML-safe text. */
export interface CleanSource {
  readonly feedUrl: string
  readonly title: string | null
  readonly siteUrl: string | null
  readonly itemUrl: string | null
}

/** An enclosure with an absolute http(s) URL, a well-formed MIME type or null, and a byte length or null. */
export interface CleanEnclosure {
  readonly url: string
  readonly type: string | null
  readonly length: number | null
}

/** A StoryEntry made safe to render in every format: XML-safe text, absolute http(s) URLs, valid dates. */
export interface CleanEntry {
  /** The entry id as serialized by the URL parser, so all three formats agree on it. */
  readonly id: string
  readonly title: string
  readonly url: string | null
  readonly author: string | null
  readonly summary: string | null
  readonly contentHtml: string | null
  readonly publishedAt: Date
  readonly updatedAt: Date
  readonly categories: readonly string[]
  readonly enclosures: readonly CleanEnclosure[]
  /** The representative copy's feed; null when its feed URL is unusable. */
  readonly source: CleanSource | null
  /** The other feeds that carried the story, in the given order. */
  readonly otherSources: readonly CleanSource[]
}

/** A PublishInput made safe to render; see cleanInput. */
export interface CleanFeed {
  readonly title: string
  readonly description: string | null
  readonly selfUrl: string
  readonly htmlUrl: string
  readonly firstUrl: string
  readonly previousUrl: string | null
  readonly nextUrl: string | null
  readonly hubUrl: string | null
  readonly iconUrl: string | null
  /** A URI reference made of URL characters only, so it needs no escaping beyond `&`. */
  readonly stylesheetUrl: string | null
  readonly updatedAt: Date
  readonly generator: string | null
  readonly entries: readonly CleanEntry[]
}

// XML 1.0 §2.2 Char, minus DEL and the C1 controls that §2.2 discourages. With the u flag a lone
// surrogate is one code point outside these ranges, so it goes too (it would break UTF-8 output).
// feed 6 passes such characters through and its XML no longer parses (STACK.md).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

// RFC 6838 §4.2 restricted-name on both sides of the slash; parameters are dropped before the test.
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/

// RFC 3986 §2: the characters a URI reference may hold (reserved, unreserved and percent escapes).
const URI_REFERENCE = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/

const UNTITLED = '(untitled)'
const DEFAULT_GENERATOR = 'Tributary'

// The entries of one document share this much content HTML (each gets its part, at least
// MIN_ENTRY_CONTENT_BYTES), and an entry names at most MAX_OTHER_SOURCES other feeds: a page stays a
// few MB whatever the store holds (items keep up to TRIBUTARY_MAX_CONTENT_BYTES each). An entry cut
// here links to the full article.
const DOCUMENT_CONTENT_BYTES = 4 * 1024 * 1024
const MIN_ENTRY_CONTENT_BYTES = 8 * 1024
const MAX_OTHER_SOURCES = 20

/** The URL that best names where a source carried the story: its item link, else its site, else its feed. */
export function sourceLink(source: CleanSource): string {
  return source.itemUrl ?? source.siteUrl ?? source.feedUrl
}

// Removes the characters XML 1.0 cannot carry (C0/C1 controls, lone surrogates, U+FFFE/U+FFFF).
function stripInvalidXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '')
}

/**
 * Validates the document-level fields and cleans every entry. Throws PublishError when a document
 * URL (self, html, first, previous, next, hub, icon) is not an absolute http(s) URL, the stylesheet
 * URL is not an http(s) URI reference, or updatedAt is not a valid date; a bad entry never throws:
 * an unusable URL is dropped, an entry without a usable id or date is left out.
 */
export function cleanInput(input: PublishInput): CleanFeed {
  if (!isValidDate(input.updatedAt)) throw new PublishError('publish: updatedAt is not a valid date')
  const seenIds = new Set<string>()
  const entries: CleanEntry[] = []
  const contentBytes = Math.max(MIN_ENTRY_CONTENT_BYTES, Math.floor(DOCUMENT_CONTENT_BYTES / Math.max(1, input.entries.length)))
  for (const entry of input.entries) {
    const clean = cleanEntry(entry, contentBytes)
    // Atom ids must be unique within a document (RFC 4287 §4.2.6); the first, newest copy wins.
    if (clean === null || seenIds.has(clean.id)) continue
    seenIds.add(clean.id)
    entries.push(clean)
  }
  const selfUrl = requireHttpUrl('selfUrl', input.selfUrl)
  return {
    title: cleanLine(input.collection.title) ?? cleanLine(input.collection.name) ?? UNTITLED,
    description: cleanLine(input.collection.description),
    selfUrl,
    htmlUrl: requireHttpUrl('htmlUrl', input.htmlUrl),
    firstUrl: requireHttpUrl('firstUrl', input.firstUrl),
    previousUrl: input.previousUrl === null ? null : requireHttpUrl('previousUrl', input.previousUrl),
    nextUrl: input.nextUrl === null ? null : requireHttpUrl('nextUrl', input.nextUrl),
    hubUrl: input.hubUrl === null ? null : requireHttpUrl('hubUrl', input.hubUrl),
    iconUrl: input.iconUrl === null ? null : requireHttpUrl('iconUrl', input.iconUrl),
    stylesheetUrl: input.stylesheetUrl === null ? null : requireUriReference('stylesheetUrl', input.stylesheetUrl, selfUrl),
    updatedAt: input.updatedAt,
    generator: cleanLine(input.generator ?? DEFAULT_GENERATOR),
    entries,
  }
}

function cleanEntry(entry: StoryEntry, contentBytes: number): CleanEntry | null {
  const id = canonicalId(entry.id)
  const publishedAt = isValidDate(entry.publishedAt) ? entry.publishedAt : entry.updatedAt
  const updatedAt = isValidDate(entry.updatedAt) ? entry.updatedAt : publishedAt
  if (id === null || !isValidDate(publishedAt) || !isValidDate(updatedAt)) return null
  const [representative, ...others] = entry.sources
  return {
    id,
    title: cleanLine(entry.title) ?? UNTITLED,
    url: httpUrl(entry.url),
    author: cleanLine(entry.author),
    summary: cleanLine(entry.summary),
    contentHtml: cutContent(cleanLine(entry.contentHtml), contentBytes),
    publishedAt,
    updatedAt,
    categories: [...new Set(entry.categories.map(cleanLine).filter((c) => c !== null))],
    enclosures: entry.enclosures.flatMap((enclosure) => {
      const url = httpUrl(enclosure.url)
      if (url === null) return []
      return [{ url, type: mimeType(enclosure.type), length: byteLength(enclosure.length) }]
    }),
    source: representative === undefined ? null : cleanSource(representative),
    otherSources: others.slice(0, MAX_OTHER_SOURCES).map(cleanSource).filter((s) => s !== null),
  }
}

function cutContent(html: string | null, maxBytes: number): string | null {
  return html === null ? null : cutHtml(html, maxBytes)
}

function cleanSource(source: EntrySource): CleanSource | null {
  const feedUrl = httpUrl(source.feedUrl)
  if (feedUrl === null) return null
  return {
    feedUrl,
    title: cleanLine(source.title),
    siteUrl: httpUrl(source.siteUrl),
    itemUrl: httpUrl(source.itemUrl),
  }
}

function cleanLine(text: string | null): string | null {
  if (text === null) return null
  const clean = stripInvalidXmlChars(text).trim()
  return clean === '' ? null : clean
}

// Every URL we publish is absolute (SPEC) and http(s): no javascript:, data: or relative links,
// which feed 6 would also reject with "Invalid URL".
function httpUrl(text: string | null): string | null {
  const clean = cleanLine(text)
  if (clean === null || !URL.canParse(clean)) return null
  const url = new URL(clean)
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
}

function requireHttpUrl(field: string, text: string): string {
  const url = httpUrl(text)
  if (url === null) throw new PublishError(`publish: ${field} is not an absolute http(s) URL: ${text}`)
  return url
}

// A relative reference is kept as given, so a document and its stylesheet can move together (a
// static copy of the site, another host name): browsers load XSLT only from the document's origin.
function requireUriReference(field: string, text: string, base: string): string {
  const resolved = URI_REFERENCE.test(text) && URL.canParse(text, base) ? new URL(text, base) : null
  if (resolved === null || (resolved.protocol !== 'http:' && resolved.protocol !== 'https:')) {
    throw new PublishError(`publish: ${field} is not an http(s) URI reference: ${text}`)
  }
  return text
}

// Atom ids are IRIs (RFC 4287 §4.2.6) and feed 6 runs them through the URL parser, so an id that
// does not parse cannot be published; urn:uuid ids come through unchanged.
function canonicalId(id: string): string | null {
  const clean = cleanLine(id)
  return clean !== null && URL.canParse(clean) ? new URL(clean).href : null
}

function mimeType(type: string | null): string | null {
  const base = type?.split(';')[0]?.trim().toLowerCase()
  return base !== undefined && MIME_TYPE.test(base) ? base : null
}

function byteLength(length: number | null): number | null {
  return length !== null && Number.isSafeInteger(length) && length >= 0 ? length : null
}

// RFC 3339 has four-digit years; toISOString throws on an invalid Date and writes ±YYYYYY outside 0–9999.
function isValidDate(date: Date): boolean {
  const year = date.getUTCFullYear()
  return !Number.isNaN(date.getTime()) && year >= 0 && year <= 9999
}
