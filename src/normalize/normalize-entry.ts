import type { ItemEnclosure, Item, ItemSource, Link, ParsedEnclosure, ParsedEntry } from '../model/index.js'
import { normalizePeople } from './normalize-people.js'
import { parseDate } from './parse-date.js'
import { parseDuration } from './parse-duration.js'
import { plausibleDate } from './plausible-date.js'
import { resolveUrl } from './resolve-url.js'
import { sanitizeHtml } from './sanitize-html.js'
import { cleanText, sanitizedToPlainText, toPlainText, toPlainTextPrefix } from './to-plain-text.js'
import { truncateText } from './truncate-text.js'
import { cutHtml } from '../html/index.js'

const SUMMARY_MAX_CHARS = 500
const TITLE_SNIPPET_MAX_CHARS = 80
/** The title of an item with neither a title nor text to take one from. */
export const UNTITLED = '(untitled)'

/** Default cap on an item's sanitized HTML content (TRIBUTARY_MAX_CONTENT_BYTES). */
export const DEFAULT_MAX_CONTENT_BYTES = 1024 * 1024

// Bounds on the other fields a publisher controls, so that no single item can grow a published
// document or a row without limit. Real feeds stay far below them.
const MAX_TITLE_CHARS = 1000
const MAX_NAME_CHARS = 200
const MAX_GUID_CHARS = 2048
const MAX_CATEGORIES = 100
const MAX_LIST_ENTRIES = 50

/** What an entry is resolved against: the feed's absolute home page (if any), its URL, and the clock. */
export interface EntryContext {
  readonly siteUrl: string | null
  readonly feedUrl: string
  readonly now: Date
  /** Content HTML beyond this many UTF-8 bytes is cut at an element boundary and marked as cut. */
  readonly maxContentBytes?: number
}

/** Returns the entry as an Item, or null when it has nothing to show (no title, link, text or enclosure). Never throws. */
export function normalizeEntry(entry: ParsedEntry, context: EntryContext): Item | null {
  // Like Miniflux, a relative item link is resolved against the site, then the feed URL (an
  // xml:base in scope was already applied by the parse stage).
  const url = resolveUrl(entry.link, context.siteUrl ?? context.feedUrl)
  // Other references in the entry are relative to the article it describes, and HTML content to
  // its xml:base first (XML Base §4.2; the order: xml:base, item, feed link, feed URL).
  const base = url ?? context.siteUrl ?? context.feedUrl
  const contentBase = entry.baseUrl ?? base
  const maxContentBytes = context.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES
  const fullHtml = safeHtml(entry.contentHtml, contentBase, maxContentBytes)
  const contentHtml = fullHtml ?? safeHtml(entry.summaryHtml, contentBase, maxContentBytes)
  // The summary is the text of the short description, else of the content. Text already sanitized
  // for display is read off that copy with a regex rather than parsed as HTML a second time.
  const summaryText = fullHtml === null ? displayedText(contentHtml) : (summaryOf(entry.summaryHtml) ?? displayedText(fullHtml))
  const titleText = truncateText(entry.title === null ? '' : entry.titleIsHtml ? toPlainText(entry.title) : cleanText(entry.title), MAX_TITLE_CHARS)
  const enclosures = normalizeEnclosures(entry.enclosures.slice(0, MAX_LIST_ENTRIES), base)
  if (titleText === '' && url === null && summaryText === null && contentHtml === null && enclosures.length === 0) {
    return null
  }
  const updatedAt = plausibleDate(parseDate(entry.updated ?? ''), context.now)
  const authors = normalizePeople(entry.authorDetails.slice(0, MAX_LIST_ENTRIES), base)
  const [firstAuthor] = authors
  const author = firstAuthor?.name ?? firstAuthor?.email ?? null
  return {
    guid: entry.guid?.trim().slice(0, MAX_GUID_CHARS) || null,
    guidIsPermaLink: entry.guidIsPermaLink,
    url,
    links: normalizeLinks(entry.links.slice(0, MAX_LIST_ENTRIES), base),
    title: titleText || (summaryText === null ? UNTITLED : truncateText(summaryText, TITLE_SNIPPET_MAX_CHARS)),
    author: author === null ? null : truncateText(author, MAX_NAME_CHARS),
    authors,
    summary: summaryText === null ? null : truncateText(summaryText, SUMMARY_MAX_CHARS),
    contentHtml,
    // An entry with only an update time (Atom requires <updated>, <published> is optional) was
    // published no later than that.
    publishedAt: plausibleDate(parseDate(entry.published ?? ''), context.now) ?? updatedAt,
    updatedAt,
    categories: normalizeCategories(entry.categories),
    enclosures,
    image: resolveUrl(entry.image, base),
    source: normalizeSource(entry.source, base),
  }
}

function safeHtml(html: string | null, base: string, maxBytes: number): string | null {
  if (html === null) return null
  // The sanitizer's work grows with its input: what is far past the cap is not read at all.
  const safe = sanitizeHtml(html.length > 4 * maxBytes ? html.slice(0, 4 * maxBytes) : html, base)
  return safe === '' ? null : cutHtml(safe, maxBytes)
}

function summaryOf(html: string | null): string | null {
  return html === null ? null : nonEmpty(toPlainTextPrefix(html, SUMMARY_MAX_CHARS))
}

function displayedText(safeHtml: string | null): string | null {
  return safeHtml === null ? null : nonEmpty(sanitizedToPlainText(safeHtml, SUMMARY_MAX_CHARS))
}

function nonEmpty(text: string): string | null {
  return text === '' ? null : text
}

// Trimmed, empty ones dropped, duplicates (ignoring case) reduced to their first spelling.
function normalizeCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const raw of categories) {
    if (result.length === MAX_CATEGORIES) break
    const category = truncateText(cleanText(raw), MAX_NAME_CHARS)
    const key = category.toLowerCase()
    if (category === '' || seen.has(key)) continue
    seen.add(key)
    result.push(category)
  }
  return result
}

// Absolute URLs, first occurrence of each URL kept (RSS <enclosure> and <media:content> often
// repeat each other; a duration only one of them gave is kept). A length of 0 is the RSS
// convention for "unknown".
function normalizeEnclosures(enclosures: readonly ParsedEnclosure[], base: string): ItemEnclosure[] {
  const result: ItemEnclosure[] = []
  const byUrl = new Map<string, number>()
  for (const enclosure of enclosures) {
    const url = resolveUrl(enclosure.url, base)
    if (url === null) continue
    const durationSeconds = parseDuration(enclosure.duration)
    const seen = byUrl.get(url)
    if (seen !== undefined) {
      const first = result[seen]
      if (first !== undefined && first.durationSeconds === null && durationSeconds !== null) result[seen] = { ...first, durationSeconds }
      continue
    }
    byUrl.set(url, result.length)
    const type = cleanText(enclosure.type ?? '').toLowerCase()
    const length = enclosure.length !== null && Number.isSafeInteger(enclosure.length) && enclosure.length > 0
      ? enclosure.length
      : null
    result.push({ url, type: type === '' ? null : type, length, durationSeconds })
  }
  return result
}

// Links that cannot be made absolute http(s) URLs are dropped, as are repeats of the same rel and URL.
function normalizeLinks(links: readonly Link[], base: string): Link[] {
  const seen = new Set<string>()
  return links.flatMap((link) => {
    const url = resolveUrl(link.url, base)
    const key = `${link.rel} ${url ?? ''}`
    if (url === null || seen.has(key)) return []
    seen.add(key)
    const title = cleanText(link.title ?? '')
    return [{ url, rel: link.rel, type: link.type, title: title === '' ? null : title }]
  })
}

function normalizeSource(source: ItemSource | null, base: string): ItemSource | null {
  if (source === null) return null
  const title = toPlainText(source.title ?? '')
  const url = resolveUrl(source.url, base)
  return title === '' && url === null ? null : { title: title === '' ? null : title, url }
}
