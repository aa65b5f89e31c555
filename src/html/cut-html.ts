import { VOID_ELEMENTS } from './void-elements.js'

/** Appended where HTML was cut, after its open elements are closed, so a reader sees that text is missing. */
export const CUT_MARKER = '<p>[…]</p>'
const CUT_MARKER_BYTES = Buffer.byteLength(CUT_MARKER)


// A cut inside a long text node goes back at most this far to the start of a tag, so that a run of
// text is shortened rather than dropped whole.
const TAG_SEARCH_CHARS = 4096

// Written for sanitized HTML, where `<` only ever starts a tag and `&` a character reference: the cut
// goes before a tag (or, in long text, before a reference), then the elements still open are closed
// and CUT_MARKER follows. The result may exceed `maxBytes` by those end tags.
/** Returns sanitized HTML cut to about `maxBytes` UTF-8 bytes at an element boundary, marked as cut; unchanged when it fits. Never throws. */
export function cutHtml(html: string, maxBytes: number): string {
  if (html.length <= maxBytes / 3 || Buffer.byteLength(html) <= maxBytes) return html
  const limit = charsWithinBytes(html, Math.max(0, maxBytes - CUT_MARKER_BYTES))
  const tagStart = html.lastIndexOf('<', limit)
  const tagEnd = html.lastIndexOf('>', limit - 1)
  let cut: number
  if (tagStart > tagEnd) cut = tagStart // inside a tag: before it
  else if (tagStart >= 0 && limit - tagEnd <= TAG_SEARCH_CHARS) cut = tagStart
  else cut = beforeReference(html, limit) // in a long text
  return html.slice(0, cut) + closingTags(html, cut) + CUT_MARKER
}

// The number of leading UTF-16 code units of `text` whose UTF-8 form fits in `maxBytes`, never
// splitting a surrogate pair.
function charsWithinBytes(text: string, maxBytes: number): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const high = code >= 0xd800 && code <= 0xdbff
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : high ? 4 : 3
    if (bytes + size > maxBytes) return i
    bytes += size
    if (high) i++
  }
  return text.length
}

// Character references are at most a few dozen characters long: one starting shortly before the cut
// would be split by it.
function beforeReference(html: string, cut: number): number {
  const amp = html.lastIndexOf('&', cut - 1)
  return amp >= 0 && cut - amp <= 40 && !html.slice(amp, cut).includes(';') ? amp : cut
}

// End tags for the elements open at `end`, innermost first: one scan of the tags before it.
function closingTags(html: string, end: number): string {
  const open: string[] = []
  for (let at = html.indexOf('<'); at >= 0 && at < end; at = html.indexOf('<', at + 1)) {
    const close = html.indexOf('>', at)
    if (close < 0 || close >= end) break
    const closing = html.charCodeAt(at + 1) === 0x2f // '/'
    let nameEnd = at + (closing ? 2 : 1)
    while (nameEnd < close && isNameChar(html.charCodeAt(nameEnd))) nameEnd++
    const name = html.slice(at + (closing ? 2 : 1), nameEnd).toLowerCase()
    if (closing) {
      const index = open.lastIndexOf(name)
      if (index >= 0) open.length = index
    } else if (name !== '' && !VOID_ELEMENTS.has(name) && html.charCodeAt(close - 1) !== 0x2f) {
      open.push(name)
    }
    at = close
  }
  return open.reverse().map((name) => `</${name}>`).join('')
}

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)
}
