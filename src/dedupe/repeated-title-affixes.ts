import { titleSegments } from './title-segments.js'

// A segment counts as the site's affix when at least this many titles, and half of them, carry it.
const MIN_REPEATS = 3

/**
 * Returns the title prefixes and suffixes ("| Example News", "Opinion –") that recur across one
 * feed's titles, so normalizeTitle can strip affixes that do not spell the feed's name. Never throws.
 */
export function repeatedTitleAffixes(titles: readonly string[]): string[] {
  const counts = new Map<string, number>()
  for (const title of titles) {
    const segments = titleSegments(title)
    if (segments.length < 2) continue
    // A title counts once per affix even when its first and last segments are equal.
    for (const affix of new Set([segments[0] ?? '', segments.at(-1) ?? ''])) {
      if (affix !== '') counts.set(affix, (counts.get(affix) ?? 0) + 1)
    }
  }
  const needed = Math.max(MIN_REPEATS, Math.ceil(titles.length / 2))
  return [...counts].filter(([, count]) => count >= needed).map(([affix]) => affix)
}
