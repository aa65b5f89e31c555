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
}

const WHITESPACE = /\s/
const NAME_AT = /^[A-Za-z_][\w.:-]*/

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
      return { doctype, rootName: name ? name[0] : null }
    } else {
      return { doctype, rootName: null }
    }
    if (i < 0) return { doctype, rootName: null }
  }
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
