import type { Enclosure, Item, ParsedEntry } from '../model/index.js'
import { authorName } from './author-name.js'
import { parseDate } from './parse-date.js'
import { plausibleDate } from './plausible-date.js'
import { resolveUrl } from './resolve-url.js'
import { sanitizeHtml } from './sanitize-html.js'
import { cleanText, toPlainText } from './to-plain-text.js'
import { truncateText } from './truncate-text.js'

const SUMMARY_MAX_CHARS = 500
const TITLE_SNIPPET_MAX_CHARS = 80
const UNTITLED = '(untitled)'

/** What an entry is resolved against: the feed's absolute home page (if any), its URL, and the clock. */
export interface EntryContext {
  readonly siteUrl: string | null
  readonly feedUrl: string
  readonly now: Date
}

/** Returns the entry as an Item, or null when it has nothing to show (no title, link, text or enclosure). Never throws. */
export function normalizeEntry(entry: ParsedEntry, context: EntryContext): Item | null {
  // Like Miniflux, a relative item link is resolved against the site, then the feed URL.
  const url = resolveUrl(entry.link, context.siteUrl ?? context.feedUrl)
  // Links inside the content are relative to the article they come from.
  const base = url ?? context.siteUrl ?? context.feedUrl
  const contentHtml = safeHtml(entry.contentHtml, base) ?? safeHtml(entry.summaryHtml, base)
  const summaryText = plainText(entry.summaryHtml) ?? plainText(entry.contentHtml)
  const titleText = entry.title === null ? '' : entry.titleIsHtml ? toPlainText(entry.title) : cleanText(entry.title)
  const enclosures = normalizeEnclosures(entry.enclosures, base)
  if (titleText === '' && url === null && summaryText === null && contentHtml === null && enclosures.length === 0) {
    return null
  }
  const updatedAt = plausibleDate(parseDate(entry.updated ?? ''), context.now)
  return {
    guid: entry.guid?.trim() || null,
    url,
    title: titleText || (summaryText === null ? UNTITLED : truncateText(summaryText, TITLE_SNIPPET_MAX_CHARS)),
    author: firstAuthor(entry.authors),
    summary: summaryText === null ? null : truncateText(summaryText, SUMMARY_MAX_CHARS),
    contentHtml,
    // An entry with only an update time (Atom requires <updated>, <published> is optional) was
    // published no later than that.
    publishedAt: plausibleDate(parseDate(entry.published ?? ''), context.now) ?? updatedAt,
    updatedAt,
    categories: normalizeCategories(entry.categories),
    enclosures,
  }
}

function safeHtml(html: string | null, base: string): string | null {
  if (html === null) return null
  const safe = sanitizeHtml(html, base)
  return safe === '' ? null : safe
}

function plainText(html: string | null): string | null {
  const text = html === null ? '' : toPlainText(html)
  return text === '' ? null : text
}

function firstAuthor(authors: readonly string[]): string | null {
  for (const raw of authors) {
    const name = authorName(raw)
    if (name !== null) return name
  }
  return null
}

// Trimmed, empty ones dropped, duplicates (ignoring case) reduced to their first spelling.
function normalizeCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const raw of categories) {
    const category = cleanText(raw)
    const key = category.toLowerCase()
    if (category === '' || seen.has(key)) continue
    seen.add(key)
    result.push(category)
  }
  return result
}

// Absolute URLs, first occurrence of each URL kept (RSS <enclosure> and <media:content> often
// repeat each other). A length of 0 is the RSS convention for "unknown".
function normalizeEnclosures(enclosures: readonly Enclosure[], base: string): Enclosure[] {
  const seen = new Set<string>()
  const result: Enclosure[] = []
  for (const enclosure of enclosures) {
    const url = resolveUrl(enclosure.url, base)
    if (url === null || seen.has(url)) continue
    seen.add(url)
    const type = cleanText(enclosure.type ?? '').toLowerCase()
    const length = enclosure.length !== null && Number.isSafeInteger(enclosure.length) && enclosure.length > 0
      ? enclosure.length
      : null
    result.push({ url, type: type === '' ? null : type, length })
  }
  return result
}
