import type { Item, ParsedEntry, ParsedFeed } from '../model/index.js'
import { DEFAULT_MAX_CONTENT_BYTES, normalizeEntry, UNTITLED, type EntryContext } from './normalize-entry.js'
import { rawEntryHash } from './raw-entry-hash.js'
import { resolveUrl } from './resolve-url.js'
import { toPlainText } from './to-plain-text.js'

/** A feed after normalization: plain-text metadata, an absolute site URL and the usable items. */
export interface NormalizedFeed {
  readonly title: string | null
  /** Absolute http(s) URL of the feed's home page. */
  readonly siteUrl: string | null
  /** Plain text. */
  readonly description: string | null
  /** In document order. */
  readonly items: readonly Item[]
  /** Entries dropped because they had nothing to show (no title, link, text or enclosure). */
  readonly skipped: number
}

/** What normalizeFeed needs besides the parsed document. */
export interface NormalizeFeedOptions {
  /** The document's final URL. */
  readonly feedUrl: string
  /** The clock for the future-date check. */
  readonly now: Date
  readonly maxContentBytes?: number
  /** rawEntryHash of the entries stored at the feed's last fetch: those are only identified, not normalized again. */
  readonly knownRawHashes?: ReadonlySet<string>
}

// A bad entry is skipped and counted in `skipped`, never fatal (STYLE §5: prefer leniency).
/** Returns the parsed feed with safe HTML, plain-text titles, absolute URLs and parsed dates. Never throws. */
export function normalizeFeed(parsed: ParsedFeed, options: NormalizeFeedOptions): NormalizedFeed {
  const siteUrl = resolveUrl(parsed.siteUrl, options.feedUrl)
  const maxContentBytes = options.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES
  const context = { feedUrl: options.feedUrl, now: options.now, maxContentBytes, siteUrl }
  const items: Item[] = []
  for (const entry of parsed.entries) {
    const rawHash = rawEntryHash(entry, context)
    const item = (options.knownRawHashes?.has(rawHash) === true ? identityOf(entry, context) : null) ?? normalizeEntry(entry, context)
    if (item !== null) items.push({ ...item, rawHash })
  }
  return {
    title: nonEmpty(toPlainText(parsed.title ?? '')),
    siteUrl,
    description: nonEmpty(toPlainText(parsed.description ?? '')),
    items,
    skipped: parsed.entries.length - items.length,
  }
}

/**
 * An unchanged entry normalized without its content and summary, the expensive part: what identifies
 * it (guid or link) and what the rest of the document is read with (titles, links) come out as a full
 * normalization gives them. Entries identified by their text, or titled by it, are normalized in full.
 */
function identityOf(entry: ParsedEntry, context: EntryContext): Item | null {
  if ((entry.guid?.trim() ?? '') === '' && entry.link === null) return null
  const item = normalizeEntry({ ...entry, contentHtml: null, summaryHtml: null }, context)
  return item === null || item.title === UNTITLED ? null : { ...item, unchanged: true }
}

function nonEmpty(text: string): string | null {
  return text === '' ? null : text
}
