import { isUtf8 } from 'node:buffer'
import { textToHtml } from './text-to-html.js'
import { attrOf, hasChildElements, htmlOf, textOf } from './xml-node.js'

// Linear: trailing spaces after the padding only (the old `={0,2}\s*` let both loops take them).
const BASE64 = /^[\sA-Za-z0-9+/]*(?:={1,2}\s*)?$/
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** How an Atom text construct or content element is to be read. */
export type AtomTextKind = 'text' | 'html' | 'xhtml' | 'other'

// RFC 4287 §3.1.1 (type="text" | "html" | "xhtml", default text) and §4.1.3.1 (content may name
// any media type); Atom 0.3 §3.1.1 used media types throughout, text/plain by default.
/** Returns the kind of an Atom text construct from its `type` attribute. Never throws. */
export function atomTextKind(node: unknown): AtomTextKind {
  const type = attrOf(node, 'type')?.trim().toLowerCase() ?? ''
  if (type === 'html' || type === 'text/html') return 'html'
  if (type === 'xhtml' || type === 'application/xhtml+xml') return 'xhtml'
  if (type === '' || type === 'text' || type.startsWith('text/')) return 'text'
  return 'other'
}

// type="xhtml" arrives as HTML text: inlineXhtml rewrote it before the XML parse. Content with
// `src` is out of line (RFC 4287 §4.1.3.2): null. Content of another media type is Base64
// (§4.1.3.3 item 6) and Atom 0.3 §3.1.2 has mode="base64": decoded, and shown as text when it
// decodes to text (feedparser and gofeed do the same), else null. A text construct may only be
// text, html or xhtml (§3.1.1); an unknown type there is read the same way, or as text.
/** Returns an Atom text construct (or, with `isContent`, atom:content) as HTML, or null when it has nothing to show inline. Never throws. */
export function atomTextHtml(node: unknown, isContent = false): string | null {
  if (node === undefined || attrOf(node, 'src') !== null) return null
  // A construct holding unescaped child elements is markup, whatever its type claims.
  if (hasChildElements(node)) return htmlOf(node)
  const kind = atomTextKind(node)
  const raw = textOf(node)
  if (raw === null) return null
  const base64 = kind === 'other' || attrOf(node, 'mode')?.trim().toLowerCase() === 'base64'
  const text = base64 ? (decodedText(raw) ?? (isContent ? null : raw)) : raw
  if (text === null) return null
  return nonBlank(kind === 'html' || kind === 'xhtml' ? text : textToHtml(text, { lineBreaks: false }))
}

// Base64 that decodes to UTF-8 text without control characters, else null.
function decodedText(value: string): string | null {
  if (!BASE64.test(value)) return null
  const bytes = Buffer.from(value, 'base64')
  if (!isUtf8(bytes)) return null
  const text = bytes.toString('utf8')
  return CONTROL.test(text) ? null : text
}

function nonBlank(html: string | null): string | null {
  return html === null || html.trim() === '' ? null : html
}
