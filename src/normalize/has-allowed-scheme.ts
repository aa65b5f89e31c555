const SCHEME = /^([a-zA-Z][a-zA-Z0-9.+-]*):/
const PROTOCOL_RELATIVE = /^[/\\]{2}/
// Browsers ignore these inside URLs (launder strips them before reading the scheme).
const CONTROLS_AND_SPACE = /[\u0000-\u0020]+/g

// The check sanitize-html made with launder's naughtyHref (protocol-relative URLs not allowed): the
// scheme, read once characters up to U+0020 are removed, must be one of `schemes`; a URL without one
// is relative and passes. launder also removes `<!--…-->` first, so that "java<!-- -->script:" is
// seen for what it is; here a URL without a scheme that holds a `<` is refused instead. The URLs the
// sanitizer checks never hold one (an href percent-encodes it, and a mailto: link has its scheme first).
/** Returns whether the URL's scheme is one of `schemes` (lower case), or it is relative but not protocol-relative. Never throws. */
export function hasAllowedScheme(url: string, schemes: readonly string[]): boolean {
  const cleaned = url.replace(CONTROLS_AND_SPACE, '')
  const scheme = SCHEME.exec(cleaned)
  if (scheme !== null) return schemes.includes((scheme[1] ?? '').toLowerCase())
  return !PROTOCOL_RELATIVE.test(cleaned) && !cleaned.includes('<')
}
