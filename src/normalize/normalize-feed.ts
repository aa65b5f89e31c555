import type { Item, ParsedFeed } from '../model/index.js'
import { normalizeEntry } from './normalize-entry.js'
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

// `feedUrl` is the document's final URL; `now` is the clock for the future-date check. A bad
// entry is skipped and counted in `skipped`, never fatal (STYLE §5: prefer leniency).
/** Returns the parsed feed with safe HTML, plain-text titles, absolute URLs and parsed dates. Never throws. */
export function normalizeFeed(parsed: ParsedFeed, options: { feedUrl: string; now: Date; maxContentBytes?: number }): NormalizedFeed {
  const siteUrl = resolveUrl(parsed.siteUrl, options.feedUrl)
  const context = { ...options, siteUrl }
  const items: Item[] = []
  for (const entry of parsed.entries) {
    const item = normalizeEntry(entry, context)
    if (item !== null) items.push(item)
  }
  return {
    title: nonEmpty(toPlainText(parsed.title ?? '')),
    siteUrl,
    description: nonEmpty(toPlainText(parsed.description ?? '')),
    items,
    skipped: parsed.entries.length - items.length,
  }
}

function nonEmpty(text: string): string | null {
  return text === '' ? null : text
}
