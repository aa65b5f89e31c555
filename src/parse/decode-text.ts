import { isAscii, isUtf8 } from 'node:buffer'
import iconv from 'iconv-lite'

const BOMS: readonly (readonly [readonly number[], string])[] = [
  // UTF-32LE must be tested before UTF-16LE: FF FE is a prefix of FF FE 00 00.
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
]

// WHATWG Encoding §4.2 maps these labels to windows-1252: documents labelled Latin-1 or ASCII
// routinely carry Windows "smart quotes" in 0x80–0x9F, which ISO-8859-1 would turn into C1 controls.
const WINDOWS_1252_LABELS = new Set([
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100',
  'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'x-cp1252',
])

const LABEL = /^[a-z0-9][a-z0-9._:-]*$/
// An HTML page begins, after whitespace and comments, with an HTML doctype or the <html> element.
// Linear, and the same heads as /^(?:\s|<!--[\s\S]*?-->)*</ (exponential: 60 `<!---->` never end):
// a lazy comment may stretch over the next ones, so one span from the first `<!--` to a `-->` is
// all that old form could match.
const HTML_START = /^\s*(?:<!--[\s\S]*-->\s*)?<(?:!doctype\s+html|html)[\s>]/i
const HTML_ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g
const UTF8_LABEL = /^utf-?8$/
// A document we could read as ASCII to find this label cannot be UTF-16/32: the label is stale.
const WIDE_LABEL = /^(utf-?(16|32)|ucs-?[24]|unicode)/
// UTF-7 can smuggle markup past byte-level checks; WHATWG Encoding forbids it (§4.2, "replacement").
const REFUSED_LABEL = /^(utf-?7|csunicode11utf7)$/

// Charset order: byte order mark, UTF-16/32 null-byte pattern, Content-Type `charset`, XML
// declaration `encoding`, for an HTML page its <meta> charset, then UTF-8 — or windows-1252 when
// no multi-byte UTF-8 sequence decodes. A label that is unknown or contradicted by the bytes is
// skipped (see usableEncoding).
/** Returns the text of a fetched document, decoded by its BOM or declared charset, without the BOM. Never throws. */
export function decodeText(bytes: Buffer, contentType: string | null): string {
  // RFC 7303 §3.2 and WHATWG "decode": a BOM outranks any label.
  for (const [bom, encoding] of BOMS) {
    if (bom.every((byte, i) => bytes[i] === byte)) return wellFormed(iconv.decode(bytes.subarray(bom.length), encoding))
  }
  const wide = sniffWideEncoding(bytes)
  if (wide !== null) return wellFormed(iconv.decode(bytes, wide))
  const validUtf8 = isUtf8(bytes)
  const nonAscii = !isAscii(bytes)
  const labels = [() => charsetFromContentType(contentType), () => encodingFromXmlDeclaration(bytes), () => metaCharset(bytes, contentType)]
  for (const label of labels) {
    const encoding = usableEncoding(label(), validUtf8, nonAscii)
    if (encoding !== null) return decode(bytes, encoding)
  }
  return decode(bytes, validUtf8 || mostlyUtf8(bytes) ? 'utf-8' : 'windows-1252')
}

// UTF-16 decoding passes an unpaired surrogate through; as U+FFFD it cannot reach the store, which
// refuses it. (UTF-8 and the 8-bit decoders never produce one.)
function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed()
}

// Node decodes UTF-8 natively, faster than iconv-lite's wrapper around the same decoder.
function decode(bytes: Buffer, encoding: string): string {
  return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding)
}

// XML 1.0 Appendix F.1: with no BOM, the first four bytes of an XML (or JSON) document are ASCII
// characters, so NUL bytes among them reveal the width and byte order.
function sniffWideEncoding(bytes: Buffer): string | null {
  if (bytes.length < 4) return null
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]]
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be'
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le'
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be'
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le'
  return null
}

function charsetFromContentType(contentType: string | null): string | null {
  // Linear: `\s*` after an optional quote would split one run of spaces n ways.
  const match = /;\s*charset\s*=\s*(?:["']\s*)?([^"';\s,]+)/i.exec(contentType ?? '')
  return match?.[1] ?? null
}

function encodingFromXmlDeclaration(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 1024).toString('latin1')
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([^"'\s]+)/.exec(head)
  return match?.[1] ?? null
}

// WHATWG HTML §13.2.3.2 "prescan a byte stream to determine its encoding", simplified: the first
// <meta charset> or <meta http-equiv="Content-Type" content="…; charset=…"> in the first 1024
// bytes. Only for an HTML page (served as text/html, or starting with an HTML doctype or <html>):
// in XML a <meta> is just an element.
function metaCharset(bytes: Buffer, contentType: string | null): string | null {
  const head = bytes.subarray(0, 1024).toString('latin1')
  const isHtml = /^\s*text\/html\s*(;|$)/i.test(contentType ?? '') || HTML_START.test(head)
  if (!isHtml) return null
  for (const [tag] of head.matchAll(/<meta[\s/][^>]*>?/gi)) {
    const attributes = new Map<string, string>()
    for (const [, name = '', double, single, bare] of tag.slice(5).matchAll(HTML_ATTRIBUTE)) {
      const key = name.toLowerCase()
      if (!attributes.has(key)) attributes.set(key, double ?? single ?? bare ?? '')
    }
    const charset = attributes.get('charset')
    if (charset !== undefined) return charset
    if (attributes.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
      const label = /charset\s*=\s*(?:["']\s*)?([^"';\s]+)/i.exec(attributes.get('content') ?? '')?.[1]
      if (label !== undefined) return label
    }
  }
  return null
}

// The iconv-lite encoding for a declared label, or null when the label is unknown, refused, or
// contradicted by the bytes ("lying"): a UTF-8 label on bytes that are not UTF-8, or a legacy label
// on bytes that are valid UTF-8 with non-ASCII sequences, which legacy 8-bit text practically
// never is (servers often send a stale default like `charset=ISO-8859-1`).
function usableEncoding(label: string | null, validUtf8: boolean, nonAscii: boolean): string | null {
  if (label === null) return null
  const name = label.trim().toLowerCase()
  if (!LABEL.test(name) || WIDE_LABEL.test(name) || REFUSED_LABEL.test(name)) return null
  if (UTF8_LABEL.test(name)) return validUtf8 ? 'utf-8' : null
  const encoding = WINDOWS_1252_LABELS.has(name) ? 'windows-1252' : name
  if (!iconv.encodingExists(encoding)) return null
  return validUtf8 && nonAscii ? null : encoding
}

// UTF-8 with a few broken bytes (a truncated sequence, one stray Latin-1 byte) is still UTF-8:
// decoding it as windows-1252 would garble every correct character. Only when no multi-byte
// sequence decodes at all is the text taken to be legacy 8-bit.
function mostlyUtf8(bytes: Buffer): boolean {
  return /[^\u0000-\u007f\ufffd]/.test(bytes.toString('utf8'))
}
