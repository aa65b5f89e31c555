// Control characters and lone surrogates (XML 1.0 §2.2) become spaces, then whitespace runs
// collapse: OPML names are one-line labels, and sax does not reject such characters on input.
const NOT_TEXT = /[^\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Turns an attribute or element text into a one-line label: no control characters, single spaces, trimmed. */
export function cleanLabel(text: string): string {
  return text.replace(NOT_TEXT, ' ').replace(/\s+/g, ' ').trim()
}
