/**
 * How deep elements may nest in stored HTML. Browsers stop nesting too (Chromium's parser attaches
 * elements past depth 512 as siblings); nothing readable needs more, and an HTML parser's work (the
 * sanitizer's, htmlparser2 keeps its stack with unshift) grows with depth times length.
 */
export const MAX_HTML_DEPTH = 256

import { VOID_ELEMENTS } from './void-elements.js'

// Their content is text up to their end tag: the ones htmlparser2 (the sanitizer's parser) reads so.
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp'])
// An open one of these is closed by a new one of its group (HTML §13.2.6.4.7, the common cases).
const SIBLING_GROUPS: Readonly<Record<string, string>> = { p: 'p', li: 'li', dt: 'd', dd: 'd', tr: 'tr', td: 't', th: 't', option: 'option' }
// An end tag closes the nearest open element of its name among this many; further down, it is stray.
const END_TAG_REACH = 1024

/** An element the scan has open: its name, and whether its tags are being removed. */
interface OpenElement {
  readonly name: string
  readonly removed: boolean
}

// One linear scan over the tags (this runs before any HTML parser, which is what it protects): the
// start and end tags of elements nested past the cap are removed, their text and their void children
// stay. It follows htmlparser2's tokenizer as far as depth needs (quoted attribute values after `=`,
// comments including the empty `<!-->`, raw text, `/>` closing only void elements, the common implied
// end tags); the sanitizer parses the result properly. Only markup with
// more tags than the cap can nest that deep, so most content is returned without a scan.
/** Returns the HTML with the tags of elements nested deeper than `maxDepth` removed, their text kept. Never throws. */
export function capNesting(html: string, maxDepth = MAX_HTML_DEPTH): string {
  if (!hasMoreTagsThan(html, maxDepth)) return html
  const open: OpenElement[] = []
  const kept: string[] = []
  let position = 0
  const remove = (start: number, end: number): void => {
    kept.push(html.slice(position, start))
    position = end
  }
  for (let at = html.indexOf('<'); at >= 0;) {
    if (html.startsWith('<!--', at)) {
      // `<!-->` and `<!--->` are whole (empty) comments.
      const close = html.startsWith('>', at + 4) ? at + 2 : html.startsWith('->', at + 4) ? at + 3 : html.indexOf('-->', at + 4)
      at = close < 0 ? -1 : html.indexOf('<', close + 3)
      continue
    }
    const end = tagEnd(html, at)
    if (end < 0) break
    const closing = html.charCodeAt(at + 1) === 0x2f // '/'
    const name = tagName(html, at + (closing ? 2 : 1))
    if (name !== '' && closing) {
      const index = nearestOpen(open, name)
      if (index >= 0) {
        if (open[index]!.removed) remove(at, end)
        open.length = index
      }
    } else if (name !== '') {
      const group = SIBLING_GROUPS[name]
      if (group !== undefined && SIBLING_GROUPS[open.at(-1)?.name ?? ''] === group) open.pop()
      const removed = open.length >= maxDepth
      if (RAW_TEXT_ELEMENTS.has(name)) {
        // Code and form text is no prose worth keeping: a removed one goes whole.
        const endTag = endTagOf(html, name, end)
        if (removed) remove(at, endTag < 0 ? html.length : Math.max(end, tagEnd(html, endTag)))
        else open.push({ name, removed })
        at = endTag
        continue
      }
      // HTML ignores the `/` of `<div/>`: only a void element has no content.
      if (!VOID_ELEMENTS.has(name)) {
        if (removed) remove(at, end)
        open.push({ name, removed })
      }
    }
    at = html.indexOf('<', end)
  }
  if (position === 0) return html
  kept.push(html.slice(position))
  return kept.join('')
}

function hasMoreTagsThan(html: string, count: number): boolean {
  let seen = 0
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    if (++seen > count) return true
  }
  return false
}

// The index just past the `>` ending the tag at `start`, skipping `>` inside a quoted attribute value
// (a quote opens one only right after `=` and optional spaces); -1 when unterminated.
function tagEnd(html: string, start: number): number {
  let quote = 0
  let afterEquals = false
  for (let i = start + 1; i < html.length; i++) {
    const c = html.charCodeAt(i)
    if (quote !== 0) {
      if (c === quote) quote = 0
    } else if (c === 0x3e) {
      return i + 1
    } else if (afterEquals && (c === 0x22 || c === 0x27)) {
      quote = c
      afterEquals = false
    } else if (c === 0x3d) {
      afterEquals = true
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) {
      afterEquals = false
    }
  }
  return -1
}

// The lower-case tag name starting at `from` (letters and digits; empty when none).
function tagName(html: string, from: number): string {
  let end = from
  for (; end < html.length; end++) {
    const c = html.charCodeAt(end) | 0x20
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39 && end > from))) break
  }
  return html.slice(from, end).toLowerCase()
}

function nearestOpen(open: readonly OpenElement[], name: string): number {
  for (let i = open.length - 1; i >= 0 && i >= open.length - END_TAG_REACH; i--) {
    if (open[i]!.name === name) return i
  }
  return -1
}

// Where the raw text of `name` ends: its end tag, found case-insensitively; -1 when there is none.
function endTagOf(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    if (tagName(html, at + 2) === name) return at
  }
  return -1
}
