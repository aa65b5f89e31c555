/** Where the document type declaration sits in a document, and its internal subset if it has one. */
export interface Doctype {
  readonly start: number
  readonly end: number
  /** The text between `[` and `]`, or null when the declaration has no internal subset. */
  readonly internalSubset: string | null
  /** The declared root name, e.g. `rss` or `html`. */
  readonly rootName: string
}

/** What precedes the root element of a markup document. */
export interface Prolog {
  readonly doctype: Doctype | null
  /** Qualified name of the root element (e.g. `rdf:RDF`), or null. */
  readonly rootName: string | null
  /** Offset of the root element's `<`, or null. */
  readonly rootStart: number | null
}

const WHITESPACE = /\s/
const NAME_AT = /^[A-Za-z_][\w.:-]*/
// Linear: a name without a quoted value still matches, bare, so the search never restarts inside
// it (which, over 64 KB of attribute text, was quadratic); bare matches are skipped.
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g
const REFERENCE = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>)

// XML 1.0 §2.8: BOM, whitespace, declaration, comments, PIs and doctype may precede the root.
// An unterminated construct ends the scan.
/** Returns the doctype and root element of a markup document, found by walking its prolog. Never throws. */
export function scanProlog(text: string): Prolog {
  let doctype: Doctype | null = null
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (;;) {
    while (i < text.length && WHITESPACE.test(text.charAt(i))) i++
    if (text.startsWith('<?', i)) {
      i = endOf(text, '?>', i + 2)
    } else if (text.startsWith('<!--', i)) {
      i = endOf(text, '-->', i + 4)
    } else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      doctype = readDoctype(text, i)
      i = doctype.end
    } else if (text.charAt(i) === '<') {
      const name = NAME_AT.exec(text.slice(i + 1, i + 201))
      return name ? { doctype, rootName: name[0], rootStart: i } : { doctype, rootName: null, rootStart: null }
    } else {
      return { doctype, rootName: null, rootStart: null }
    }
    if (i < 0) return { doctype, rootName: null, rootStart: null }
  }
}

// The start tag ends at the first `>` outside quotes; a tag longer than 64 KiB is not read.
/** Returns the attributes of the root element's start tag, references decoded (empty when there is no root). Never throws. */
export function rootAttributes(text: string, prolog: Prolog): Readonly<Record<string, string>> {
  const start = prolog.rootStart
  if (start === null) return NO_ATTRIBUTES
  let quote = ''
  let end = start + 1
  const limit = Math.min(text.length, start + 65_536)
  for (; end < limit; end++) {
    const c = text.charAt(end)
    if (quote !== '') {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (c === '>') {
      break
    }
  }
  // No prototype: an attribute named `__proto__` or `constructor` is just a name.
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [, name = '', double, single] of text.slice(start, end).matchAll(ATTRIBUTE)) {
    if (double === undefined && single === undefined) continue
    attributes[name] ??= decodeReferences(double ?? single ?? '')
  }
  return attributes
}

function decodeReferences(value: string): string {
  return value.replace(REFERENCE, (ref: string, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED[name.toLowerCase()] ?? ref
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ref
  })
}

function endOf(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from)
  return at < 0 ? -1 : at + terminator.length
}

// The internal subset may hold quoted literals and comments containing `]` or `>`,
// so the end is found by walking the characters rather than with a regex.
function readDoctype(text: string, start: number): Doctype {
  const name = NAME_AT.exec(text.slice(start + 9).trimStart().slice(0, 200))
  const rootName = name ? name[0] : ''
  let quote = ''
  let subsetStart = -1
  let subsetEnd = -1
  for (let i = start + 9; i < text.length; i++) {
    const c = text.charAt(i)
    if (quote !== '') {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (subsetStart >= 0 && subsetEnd < 0 && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4)
      if (close < 0) break
      i = close + 2
    } else if (c === '[' && subsetStart < 0) {
      subsetStart = i + 1
    } else if (c === ']' && subsetStart >= 0 && subsetEnd < 0) {
      subsetEnd = i
    } else if (c === '>' && (subsetStart < 0 || subsetEnd >= 0)) {
      const internalSubset = subsetStart >= 0 ? text.slice(subsetStart, subsetEnd) : null
      return { start, end: i + 1, internalSubset, rootName }
    }
  }
  return { start, end: -1, internalSubset: null, rootName }
}
