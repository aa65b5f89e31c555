import type { ItemEnclosure, Item, ItemSource, Link, ParsedEnclosure, ParsedEntry } from '../model/index.js'
import { normalizePeople } from './normalize-people.js'
import { parseDate } from './parse-date.js'
import { parseDuration } from './parse-duration.js'
import { plausibleDate } from './plausible-date.js'
import { resolveUrl } from './resolve-url.js'
import { sanitizeHtml } from './sanitize-html.js'
import { cleanText, sanitizedToPlainText, toPlainText, toPlainTextPrefix } from './to-plain-text.js'
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
  // Like Miniflux, a relative item link is resolved against the site, then the feed URL (an
  // xml:base in scope was already applied by the parse stage).
  const url = resolveUrl(entry.link, context.siteUrl ?? context.feedUrl)
  // Other references in the entry are relative to the article it describes, and HTML content to
  // its xml:base first (XML Base §4.2; the order: xml:base, item, feed link, feed URL).
  const base = url ?? context.siteUrl ?? context.feedUrl
  const contentBase = entry.baseUrl ?? base
  const fullHtml = safeHtml(entry.contentHtml, contentBase)
  const contentHtml = fullHtml ?? safeHtml(entry.summaryHtml, contentBase)
  // The summary is the text of the short description, else of the content. Text already sanitized
  // for display is read off that copy with a regex rather than parsed as HTML a second time.
  const summaryText = fullHtml === null ? displayedText(contentHtml) : (summaryOf(entry.summaryHtml) ?? displayedText(fullHtml))
  const titleText = entry.title === null ? '' : entry.titleIsHtml ? toPlainText(entry.title) : cleanText(entry.title)
  const enclosures = normalizeEnclosures(entry.enclosures, base)
  if (titleText === '' && url === null && summaryText === null && contentHtml === null && enclosures.length === 0) {
    return null
  }
  const updatedAt = plausibleDate(parseDate(entry.updated ?? ''), context.now)
  const authors = normalizePeople(entry.authorDetails, base)
  const [firstAuthor] = authors
  return {
    guid: entry.guid?.trim() || null,
    guidIsPermaLink: entry.guidIsPermaLink,
    url,
    links: normalizeLinks(entry.links, base),
    title: titleText || (summaryText === null ? UNTITLED : truncateText(summaryText, TITLE_SNIPPET_MAX_CHARS)),
    author: firstAuthor?.name ?? firstAuthor?.email ?? null,
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

function safeHtml(html: string | null, base: string): string | null {
  if (html === null) return null
  const safe = sanitizeHtml(html, base)
  return safe === '' ? null : safe
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
    const category = cleanText(raw)
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
