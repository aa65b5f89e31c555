import type { Item } from '../../src/model/index.js'
import type { NormalizedFeed } from '../../src/normalize/index.js'
import { resolveUrl, toPlainText } from '../../src/normalize/index.js'
import { normalizePeople } from '../../src/normalize/normalize-people.js'
import type { Check, Expected, Field } from './checks.js'

const SUMMARY_MAX_CHARS = 500
/** Titles an item gets when it has none: normalize's own, and the conformance runner's placeholder. */
export const FALLBACK_TITLES = ['(untitled)', 'conformance placeholder']
const ELLIPSIS = '\u2026'

/** What a check is compared against: the normalized feed, and each parsed entry normalized on its own (null: skipped). */
export interface Outcome {
  readonly feed: NormalizedFeed
  readonly items: readonly (Item | null)[]
  readonly feedUrl: string
}

// Each source's model differs from ours, so values are compared for meaning, not bytes: text as
// plain text (markup stripped, entities decoded, whitespace collapsed), URLs in WHATWG form
// resolved against the document URL, dates as instants, HTML as its text plus the absolute URLs
// it links to, people by the parts the source gives.
/** Returns true when our output agrees with the expected value of one check. */
export function matchCheck(check: Check, outcome: Outcome): boolean {
  const { expected } = check
  if (check.item === null) {
    if (expected.kind === 'text') return sameText(expected.value, outcome.feed.title)
    if (expected.kind === 'url') return sameUrl(expected.value, outcome.feed.siteUrl, outcome.feedUrl)
    return false
  }
  const item = outcome.items[check.item] ?? null
  if (item === null) return false
  // A relative link in the expected value (gofeed and rss-parser keep them as written) is read by
  // our own rule: against the feed's site link, else the feed URL.
  return matchItem(check.field, expected, item, outcome.feed.siteUrl ?? outcome.feedUrl)
}

function matchItem(field: Field, expected: Expected, item: Item, base: string): boolean {
  switch (expected.kind) {
    case 'text':
      return field === 'id' ? expected.value.trim() === item.guid : sameText(expected.value, item.title)
    case 'url':
      return sameUrl(expected.value, item.url, base)
    case 'date':
      return (expected.which === 'published' ? item.publishedAt : item.updatedAt)?.getTime() === expected.value.getTime()
    case 'html':
      return expected.which === 'content' ? sameHtml(expected.value, item.contentHtml) : sameSummary(expected.value, item.summary)
    case 'enclosure':
      return matchEnclosure(expected, item, item.url ?? base)
    case 'person':
      return matchPerson(expected, item, item.url ?? base)
  }
}

function plain(text: string): string {
  return toPlainText(text)
}

// A title given as text may hold a literal "<"; one given as HTML has markup to strip. A title
// with no text at all (an image, say) matches our having none: a null feed title, or an item
// title that had to fall back.
function sameText(expected: string, ours: string | null): boolean {
  if (plain(expected) === '') return ours === null || FALLBACK_TITLES.includes(ours)
  if (ours === null) return false
  return collapse(expected) === ours || plain(expected) === ours
}

function sameUrl(expected: string, ours: string | null, base: string): boolean {
  const canonical = resolveUrl(expected.trim(), base)
  return canonical === null ? ours === null : ours === canonical
}

// Sources give content as HTML, or as the text a text-typed construct holds: either reading may match.
function sameHtml(expected: string, ours: string | null): boolean {
  if (ours === null) return plain(expected) === ''
  const text = plain(ours)
  return (plain(expected) === text || collapse(expected) === text) && urlsOf(expected).every((url) => urlsOf(ours).includes(url))
}

function sameSummary(expected: string, ours: string | null): boolean {
  if (ours === null) return plain(expected) === ''
  return [plain(expected), collapse(expected)].some(
    (text) => ours === text || (ours.endsWith(ELLIPSIS) && text.length > SUMMARY_MAX_CHARS && text.startsWith(ours.slice(0, -1).trimEnd())),
  )
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

// Absolute http(s) URLs in href/src attributes; relative ones in the expected value resolve
// against a base the source does not tell.
function urlsOf(html: string): string[] {
  return [...html.matchAll(/\b(?:href|src)\s*=\s*["']([^"']*)["']/gi)]
    .map(([, url = '']) => url.replace(/&amp;/g, '&'))
    .filter((url) => /^https?:\/\//i.test(url))
    .map((url) => resolveUrl(url, null) ?? url)
}

function matchEnclosure(expected: Extract<Expected, { kind: 'enclosure' }>, item: Item, base: string): boolean {
  const url = expected.url === null ? null : resolveUrl(expected.url.trim(), base)
  const candidates = expected.index === null ? item.enclosures : item.enclosures.slice(expected.index, expected.index + 1)
  return candidates.some(
    (enclosure) =>
      (expected.url === null || enclosure.url === url) &&
      (expected.type === null || enclosure.type === expected.type.trim().toLowerCase()) &&
      (expected.length === null || enclosure.length === expected.length),
  )
}

// The expected person goes through the same reading of RSS "email (Name)" as ours; then every
// part the source gives must match one of our authors.
function matchPerson(expected: Extract<Expected, { kind: 'person' }>, item: Item, base: string): boolean {
  const [person] = normalizePeople([expected], base)
  if (person === undefined) return true
  return item.authors.some(
    (ours) =>
      (person.name === null || ours.name === person.name || (ours.name === null && ours.email === person.name)) &&
      (person.email === null || ours.email?.toLowerCase() === person.email.toLowerCase()) &&
      (person.url === null || ours.url === person.url),
  )
}
