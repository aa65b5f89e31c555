/**
 * Separators between a headline and a site name or section: "Title | Site", "Title – Site",
 * "Site :: Title". Spaces are required around them, so "Biden-Xi" and "9-5" stay whole. Linear: the
 * lookbehind starts a match only where a run of spaces starts (inside it the outcome is the same,
 * and trying each position read the run again).
 */
const SEPARATOR = /(?<!\s)\s+(?:\||–|—|-|::|·|•|»|~)\s+/u

/** Returns a title split at its affix separators (one segment when it has none), each trimmed. Never throws. */
export function titleSegments(title: string): string[] {
  return title.trim().split(SEPARATOR).map((segment) => segment.trim())
}
