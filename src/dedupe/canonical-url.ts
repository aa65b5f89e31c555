/**
 * Query parameters that only track the reader, never select the content; dropped from canonical URLs.
 * Prefix rules (utm_*) are matched separately.
 */
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', 'yclid', '_hsenc', '_hsmi', 'igshid', 'ref_src'])
const TRACKING_PREFIXES = ['utm_']

/**
 * Returns the canonical form of an http(s) URL for matching copies of one story: lowercase scheme and
 * host, no default port, no fragment, tracking parameters removed, the rest sorted. Null if not a URL.
 */
export function canonicalUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  url.hash = ''
  // WHATWG URL already lowercases scheme and host and drops default ports.
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name.toLowerCase()))
  kept.sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
  url.search = new URLSearchParams(kept).toString()
  return url.toString()
}

/** True when a canonical URL is only a site's root, which many different items link to (the homepage trap). */
export function isSiteRoot(canonical: string): boolean {
  const url = new URL(canonical)
  return (url.pathname === '/' || url.pathname === '') && url.search === ''
}

function isTrackingParam(name: string): boolean {
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix))
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
