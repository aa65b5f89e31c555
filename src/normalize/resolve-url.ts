/** Returns `href` as an absolute http(s) URL resolved against `base`, or null when it cannot be one. Never throws. */
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
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
}
