import sax from 'sax'
import { VOID_ELEMENTS } from '../html/index.js'

// rss-parser (xml2js) keeps an element's text apart from its children and groups the children by
// name, so markup written inline comes out scrambled: "by <a>x</a> to <a>y</a>" becomes
// "by  to <a>x</a><a>y</a>". The two pre-passes here rewrite such elements as the equivalent HTML
// inside a CDATA section, in document order, before rss-parser sees them.

// Atom text constructs (RFC 4287 §3.1; Atom 0.3 §3.1 adds tagline, info, copyright) and the XHTML
// <body> some RSS items carry. CDATA sections and comments are matched too, so that an element
// quoted inside one is skipped.
const XHTML_ELEMENTS = elementStart('content|summary|title|subtitle|rights|tagline|info|copyright|body')
// Elements meant to hold text or escaped HTML that some feeds fill with unescaped markup instead
// (not media:content or media:title, whose children are elements by design).
const HTML_ELEMENTS = elementStart('title|description|encoded|content|summary|body')
// CDATA sections and comments (an unterminated one runs to the end), then any start or end tag:
// findClose compares the names, so one expression (checked linear) serves every element name.
const MARKUP = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<([^\s/<>]+)(?=[\s/>])[^<>]*?(\/?)>|<\/([^\s/<>]+)\s*>/g
// Sections whose content is not markup, with their closers.
const OPAQUE: readonly (readonly [string, string])[] = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
]
const HTML_QNAMES = new Set(['title', 'description', 'content:encoded', 'summary', 'content', 'atom:title', 'atom:summary', 'atom:content', 'body', 'xhtml:body'])
const XHTML_TYPE = /\btype\s*=\s*(["'])\s*(?:xhtml|application\/xhtml\+xml)\s*\1/i
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml'
// Atom 0.3 §3.1.2: mode="escaped" and mode="base64" content is text, not inline markup.
const TEXT_MODE = /\bmode\s*=\s*(["'])\s*(?:escaped|base64)\s*\1/i
const HAS_BASE = /\bxml:base\s*=/
const TYPE_OR_MODE = /\s(?:type|mode)\s*=\s*(?:"[^"]*"|'[^']*')/gi
const ELEMENT_START = /<[A-Za-z_]/
const SCAN_BUDGET_FACTOR = 8

// RFC 4287 §4.1.3.3: the wrapping xhtml:div "MUST NOT be considered part of the content"; it is
// dropped (only here, not from naked HTML), and its xml:base moves to the construct when the construct has none of its own. Other
// xml:base attributes inside the markup are not applied.
/** Returns the document with every Atom type="xhtml" construct (and XHTML <body>) turned into escaped HTML. Never throws. */
export function inlineXhtml(text: string): string {
  if (!text.includes('xhtml')) return text
  return rewrite(text, XHTML_ELEMENTS, true, {
    tag: (qname, attributes) => {
      if (TEXT_MODE.test(attributes)) return false
      return /(?:^|:)body$/.test(qname) ? attributes.includes(XHTML_NAMESPACE) || qname.startsWith('xhtml:') : XHTML_TYPE.test(attributes)
    },
    inner: () => true,
  })
}

// Costs a scan of every such element, so the parse stage runs it only once a first parse has
// found child elements where escaped HTML belongs. The rewritten element is marked type="html":
// its markup was markup, whatever an Atom type attribute said.
/** Returns the document with unescaped markup inside title, description, content:encoded, summary and content turned into escaped HTML. Never throws. */
export function inlineNakedHtml(text: string): string {
  return rewrite(text, HTML_ELEMENTS, false, { tag: (qname) => HTML_QNAMES.has(qname), inner: (inner) => ELEMENT_START.test(inner) })
}

/** Which elements to rewrite: by their start tag, then by their content (without CDATA and comments). */
interface Selector {
  readonly tag: (qname: string, attributes: string) => boolean
  readonly inner: (inner: string) => boolean
}

// The start tags of the named elements (any prefix), after CDATA sections and comments.
function elementStart(localNames: string): RegExp {
  return new RegExp(
    String.raw`<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<((?:[A-Za-z_][\w.-]*:)?(?:${localNames}))(\s[^<>]*?)?(/?)>`,
    'g',
  )
}

function rewrite(text: string, start: RegExp, isXhtml: boolean, select: Selector): string {
  start.lastIndex = 0
  let out = ''
  let position = 0
  // Looking for end tags rescans the text; nested or unclosed elements could make that quadratic
  // on a hostile document, so the scanning is bounded (what is left is parsed as it stands).
  let budget = SCAN_BUDGET_FACTOR * text.length
  for (let match = start.exec(text); match !== null && budget > 0; match = start.exec(text)) {
    const [tag, qname, attributes = '', selfClosing] = match
    if (qname === undefined || selfClosing === '/' || !select.tag(qname, attributes)) continue
    const innerStart = match.index + tag.length
    const close = findClose(text, qname, innerStart)
    budget -= (close?.end ?? text.length) - innerStart
    if (close === null) continue
    const inner = text.slice(innerStart, close.start)
    if (!select.inner(withoutOpaque(inner))) continue
    const { html, base } = markupToHtml(inner, isXhtml)
    const kept = isXhtml ? attributes : attributes.replace(TYPE_OR_MODE, '')
    const added = `${isXhtml ? '' : ' type="html"'}${base !== null && !HAS_BASE.test(attributes) ? ` xml:base="${escapeAttribute(base)}"` : ''}`
    const startTag = added === '' ? tag : `<${qname}${kept}${added}>`
    out += `${text.slice(position, match.index)}${startTag}<![CDATA[${html}]]></${qname}>`
    position = close.end
    start.lastIndex = close.end
  }
  return out + text.slice(position)
}

// The matching end tag, counting nested elements of the same name and skipping CDATA and comments.
function findClose(text: string, qname: string, from: number): { start: number; end: number } | null {
  MARKUP.lastIndex = from
  let depth = 0
  for (let match = MARKUP.exec(text); match !== null; match = MARKUP.exec(text)) {
    const [found, startName, selfClosing, endName] = match
    if (endName === qname) {
      if (depth === 0) return { start: match.index, end: match.index + found.length }
      depth--
    } else if (startName === qname && selfClosing !== '/') {
      depth++
    }
  }
  return null
}

// Without its terminated CDATA sections and comments. An unterminated one stays, and so does every
// later one of its kind (none can be terminated); each kind is searched forward only, so the work
// is linear, where a regex rescanned the rest of the text from every unterminated opener.
function withoutOpaque(inner: string): string {
  if (!inner.includes('<!')) return inner
  let out = ''
  let position = 0
  const next = OPAQUE.map(([open]) => inner.indexOf(open))
  for (;;) {
    const start = Math.min(...next.filter((at) => at >= 0))
    const kind = next.indexOf(start)
    const section = OPAQUE[kind]
    if (section === undefined) return out + inner.slice(position)
    const [open, close] = section
    const stop = inner.indexOf(close, start + open.length)
    if (stop < 0) {
      next[kind] = -1
      continue
    }
    out += inner.slice(position, start)
    position = stop + close.length
    for (const [i, [opener]] of OPAQUE.entries()) {
      if ((next[i] ?? -1) >= 0 && (next[i] ?? -1) < position) next[i] = inner.indexOf(opener, position)
    }
  }
}

// A strict parse of the fragment, told to resume after errors (as recoverXml does), written back
// as HTML: local names without namespace prefixes, no xmlns/xml:*/prefixed attributes, void
// elements without end tags, text and CDATA escaped, comments and processing instructions dropped.
function markupToHtml(fragment: string, unwrapDiv: boolean): { html: string; base: string | null } {
  const parser = sax.parser(true, { trim: false, normalize: false })
  const out: string[] = []
  const names: string[] = []
  // The fragment's top-level elements, with where their content starts and ends in `out`.
  const top: { name: string; base: string | null; innerStart: number; innerEnd: number }[] = []
  let topText = false
  parser.onerror = () => {
    parser.resume()
  }
  parser.onopentag = (tag) => {
    const name = localName(tag.name)
    names.push(name)
    if (names.length === 1) return
    let attributes = ''
    for (const [attribute, value] of Object.entries(tag.attributes)) {
      if (attribute.includes(':') || attribute === 'xmlns') continue
      attributes += ` ${attribute.toLowerCase()}="${escapeAttribute(String(value))}"`
    }
    out.push(`<${name}${attributes}>`)
    if (names.length === 2) {
      const base = tag.attributes['xml:base']
      top.push({ name, base: typeof base === 'string' ? base : null, innerStart: out.length, innerEnd: out.length })
    }
  }
  parser.onclosetag = () => {
    const name = names.pop() ?? ''
    if (names.length === 0) return
    const element = top[top.length - 1]
    if (names.length === 1 && element !== undefined) element.innerEnd = out.length
    if (!VOID_ELEMENTS.has(name)) out.push(`</${name}>`)
  }
  const text = (value: string): void => {
    if (names.length === 0) return
    if (names.length === 1 && value.trim() !== '') topText = true
    out.push(escapeText(value))
  }
  parser.ontext = text
  parser.oncdata = text
  parser.write(`<fragment>${fragment}</fragment>`).close()
  const div = unwrapDiv && top.length === 1 && !topText && top[0]?.name === 'div' ? top[0] : undefined
  return div === undefined
    ? { html: out.join(''), base: null }
    : { html: out.slice(div.innerStart, div.innerEnd).join(''), base: div.base }
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1).toLowerCase()
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;')
}
