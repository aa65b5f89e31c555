import type { Link, ParsedEnclosure, ParsedEntry, ParsedFeed, Person } from '../model/index.js'
import { ParseError } from './errors.js'
import { withoutForbiddenCharacters } from './repair-xml.js'
import { textToHtml } from './text-to-html.js'

type JsonObject = Record<string, unknown>

// https://jsonfeed.org/version/1.1. Items that are not objects are skipped rather than failing the feed.
/** Returns the feed in JSON Feed 1.0 or 1.1 text; throws ParseError `parse_invalid_json` when it is not a JSON object. */
export function parseJsonFeed(text: string, url: string): ParsedFeed {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (err: unknown) {
    throw new ParseError('parse_invalid_json', `parse: invalid JSON at ${url}`, { cause: err })
  }
  if (!isObject(document)) {
    throw new ParseError('parse_invalid_json', `parse: JSON at ${url} is not an object`)
  }
  const feedAuthors = peopleOf(document)
  const items = Array.isArray(document.items) ? document.items : []
  return {
    format: 'json',
    // JSON Feed text fields are plain text; ParsedFeed carries HTML-safe text.
    title: htmlText(document.title),
    siteUrl: stringOf(document.home_page_url),
    description: htmlText(document.description),
    ttlMinutes: null,
    updatePeriodSeconds: null,
    skipHours: [],
    skipDays: [],
    entries: items.filter(isObject).map((item) => entry(item, feedAuthors)),
  }
}

function entry(item: JsonObject, feedAuthors: readonly Person[]): ParsedEntry {
  const authors = peopleOf(item)
  // 1.1 §items.authors: "If not specified in an item, then the top-level authors … are the authors of the item."
  const authorDetails = authors.length > 0 ? authors : feedAuthors
  const contentText = stringOf(item.content_text)
  const summary = stringOf(item.summary)
  const url = stringOf(item.url)
  const externalUrl = stringOf(item.external_url)
  const links: Link[] = [
    ...(url === null ? [] : [{ url, rel: 'alternate', type: null, title: null }]),
    // `external_url` is the page the item is about (link blogs).
    ...(externalUrl === null ? [] : [{ url: externalUrl, rel: 'related', type: null, title: null }]),
  ]
  return {
    // The spec requires a string id but notes that some producers wrote numbers.
    guid: typeof item.id === 'number' && Number.isFinite(item.id) ? String(item.id) : stringOf(item.id),
    guidIsPermaLink: null,
    link: url ?? externalUrl,
    links,
    title: stringOf(item.title),
    // JSON Feed titles are plain text.
    titleIsHtml: false,
    authors: authorDetails.flatMap((person) => (person.name === null ? [] : [person.name])),
    authorDetails,
    // `summary` is plain text; ParsedEntry carries HTML.
    summaryHtml: htmlText(summary),
    contentHtml: stringOf(item.content_html) ?? (contentText === null ? null : textToHtml(contentText, { lineBreaks: true })),
    baseUrl: null,
    published: stringOf(item.date_published),
    updated: stringOf(item.date_modified),
    categories: Array.isArray(item.tags) ? item.tags.map(stringOf).filter((tag) => tag !== null) : [],
    enclosures: Array.isArray(item.attachments) ? item.attachments.flatMap(attachment) : [],
    image: stringOf(item.image) ?? stringOf(item.banner_image),
    source: null,
  }
}

// 1.1 uses an `authors` array; 1.0 a single `author` object, which 1.1 documents may still carry
// for old readers. Like Miniflux, also accept an object-shaped `authors` rather than fail the feed.
function peopleOf(owner: JsonObject): Person[] {
  const authors = [...(Array.isArray(owner.authors) ? owner.authors : [owner.authors]), owner.author]
  const people: Person[] = []
  const seen = new Set<string>()
  for (const author of authors) {
    if (!isObject(author)) continue
    const person = { name: stringOf(author.name), email: null, url: stringOf(author.url) }
    const key = `${person.name ?? ''}\n${person.url ?? ''}`
    if ((person.name === null && person.url === null) || seen.has(key)) continue
    seen.add(key)
    people.push(person)
  }
  return people
}

function attachment(value: unknown): ParsedEnclosure[] {
  if (!isObject(value)) return []
  const url = stringOf(value.url)
  if (url === null) return []
  const size = value.size_in_bytes
  const duration = value.duration_in_seconds
  return [
    {
      url,
      type: stringOf(value.mime_type),
      length: typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : null,
      duration: typeof duration === 'number' && Number.isFinite(duration) && duration >= 0 ? String(duration) : null,
    },
  ]
}

function htmlText(value: unknown): string | null {
  const text = stringOf(value)
  return text === null ? null : textToHtml(text, { lineBreaks: false })
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// JSON can escape what XML forbids (`\u0000`) and what is no text at all (a lone surrogate, `\ud800`):
// the first is dropped, as repairXml drops it from XML documents, the second becomes U+FFFD, so that
// nothing PostgreSQL refuses (in text or jsonb) reaches the store or a feed we publish.
function stringOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = withoutForbiddenCharacters(value).toWellFormed().trim()
  return text === '' ? null : text
}
