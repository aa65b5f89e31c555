// Real links stay far below this; a longer one is refused rather than stored, indexed (a btree entry
// holds at most 2,704 bytes) and republished.
const MAX_URL_CHARS = 2048

/** Returns `href` as an absolute http(s) URL resolved against `base`, or null when it cannot be one or is longer than 2,048 characters. Never throws. */
export function resolveUrl(href: string | null, base: string | null): string | null {
  // WHATWG URL parsing drops surrounding whitespace and tabs/newlines inside ("java\tscript:").
  // Empty, unparseable, relative without a usable base, or another scheme (javascript:, data:,
  // mailto:…) all give null.
  if (href === null || href.trim() === '') return null
  let url: URL
  try {
    url = base === null ? new URL(href) : new URL(href, base)
  } catch {
    return null
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.href.length <= MAX_URL_CHARS ? url.href : null
}
