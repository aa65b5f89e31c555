import type { Enclosure, ParsedEntry, ParsedFeed } from '../model/index.js'
import { ParseError } from './errors.js'
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
  const feedAuthors = authorNames(document)
  const items = Array.isArray(document.items) ? document.items : []
  return {
    format: 'json',
    title: stringOf(document.title),
    siteUrl: stringOf(document.home_page_url),
    description: stringOf(document.description),
    ttlMinutes: null,
    updatePeriodSeconds: null,
    skipHours: [],
    skipDays: [],
    entries: items.filter(isObject).map((item) => entry(item, feedAuthors)),
  }
}

function entry(item: JsonObject, feedAuthors: readonly string[]): ParsedEntry {
  const authors = authorNames(item)
  const contentText = stringOf(item.content_text)
  const summary = stringOf(item.summary)
  return {
    // The spec requires a string id but notes that some producers wrote numbers.
    guid: typeof item.id === 'number' && Number.isFinite(item.id) ? String(item.id) : stringOf(item.id),
    // `url` is the item's own page; `external_url` the page it is about (link blogs).
    link: stringOf(item.url) ?? stringOf(item.external_url),
    title: stringOf(item.title),
    // JSON Feed titles are plain text.
    titleIsHtml: false,
    // 1.1 §items.authors: "If not specified in an item, then the top-level authors … are the authors of the item."
    authors: authors.length > 0 ? authors : feedAuthors,
    // `summary` is plain text; ParsedEntry carries HTML.
    summaryHtml: summary === null ? null : textToHtml(summary, { lineBreaks: false }),
    contentHtml: stringOf(item.content_html) ?? (contentText === null ? null : textToHtml(contentText, { lineBreaks: true })),
    published: stringOf(item.date_published),
    updated: stringOf(item.date_modified),
    categories: Array.isArray(item.tags) ? item.tags.map(stringOf).filter((tag) => tag !== null) : [],
    enclosures: Array.isArray(item.attachments) ? item.attachments.flatMap(attachment) : [],
  }
}

// 1.1 uses an `authors` array; 1.0 a single `author` object, which 1.1 documents may still carry
// for old readers. Like Miniflux, also accept an object-shaped `authors` rather than fail the feed.
function authorNames(owner: JsonObject): string[] {
  const authors = [...(Array.isArray(owner.authors) ? owner.authors : [owner.authors]), owner.author]
  const names = authors.map((author) => (isObject(author) ? stringOf(author.name) : null))
  return [...new Set(names.filter((name) => name !== null))]
}

function attachment(value: unknown): Enclosure[] {
  if (!isObject(value)) return []
  const url = stringOf(value.url)
  if (url === null) return []
  const size = value.size_in_bytes
  return [
    {
      url,
      type: stringOf(value.mime_type),
      length: typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : null,
    },
  ]
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = value.trim()
  return text === '' ? null : text
}
