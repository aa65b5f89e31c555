import { PublishError } from './errors.js'

// The XML string handling around feed 6: escaping what we hand to it, and splicing in the elements
// it cannot write (STACK.md "feed 6.0.0: what it can't say"). Splicing only ever looks at feed's
// own markup, at known anchors (an element's start or end tag), never at user text: the one place
// user text stands unescaped in feed's output is a CDATA section, which the scanner steps over.
// That holds because xml-js escapes `<` in text nodes, and every attribute value feed writes is a
// URL (the WHATWG serializer percent-encodes `<`) or a value pre-escaped with forXmlJsAttribute.

const CDATA_OPEN = '<![CDATA['
const CDATA_CLOSE = ']]>'
const INDENT_UNIT = '    '

type Attributes = Readonly<Record<string, string | number | null>>

/** Escapes text for XML character data; the result is also correctly escaped HTML text. */
export function escapeXml(text: string): string {
  // &#13; because a parser would turn a literal CR into LF (XML 1.0 §2.11).
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
}

// Escapes text for a double-quoted attribute value, keeping tabs and newlines that attribute-value
// normalization (XML 1.0 §3.3.3) would otherwise turn into spaces.
function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;')
}

/**
 * Prepares text that feed writes as an xml-js text node. xml-js's writeText first turns every
 * `&amp;` back into `&` and then escapes, so a literal "&amp;" would lose a level of escaping;
 * escaping `&` once here makes that round trip exact.
 */
export function forXmlJsText(text: string): string {
  return text.replace(/&/g, '&amp;')
}

/** Prepares a value that feed writes as an xml-js attribute: xml-js escapes only `"` there, so the rest is ours. */
export function forXmlJsAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
}

/**
 * Prepares HTML that feed writes inside CDATA. xml-js splits only the first `]]>` of a CDATA
 * section (String.replace with a string pattern), so a second one would end the section early;
 * `]]&gt;` means the same in HTML, and no CDATA section we emit then contains `]]>`.
 */
export function htmlForCdata(html: string): string {
  return html.replaceAll(CDATA_CLOSE, ']]&gt;')
}

/** Renders an element with escaped attributes (null ones left out) and escaped text, already rendered children, or nothing. */
export function xmlElement(
  name: string,
  attributes: Attributes,
  content: string | readonly string[] | null = null,
): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== null)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('')
  if (content === null) return `<${name}${attrs}/>`
  const inner = typeof content === 'string' ? escapeXml(content) : content.join('')
  return `<${name}${attrs}>${inner}</${name}>`
}

/**
 * Adds the i-th list of elements as the last children of the i-th `name` element of the document
 * (feed's entries or items, in order). Throws PublishError when the document holds a different
 * number of such elements than lists were given.
 */
export function appendToEach(
  xml: string,
  name: string,
  childrenPerElement: readonly (readonly string[])[],
): string {
  const offsets = findTag(xml, `</${name}>`)
  if (offsets.length !== childrenPerElement.length) {
    const expected = childrenPerElement.length
    throw new PublishError(
      `publish: expected ${expected} <${name}> elements in generated XML, found ${offsets.length}`,
    )
  }
  const parts: string[] = []
  let from = 0
  offsets.forEach((at, index) => {
    parts.push(xml.slice(from, at), indentBeforeEndTag(xml, at, childrenPerElement[index] ?? []))
    from = at
  })
  parts.push(xml.slice(from))
  return parts.join('')
}

/**
 * Inserts elements as the first children of the first `name` element: the Atom root or the RSS
 * channel, which come before any user text. Throws PublishError when there is none.
 */
export function prependToFirst(xml: string, name: string, children: readonly string[]): string {
  if (children.length === 0) return xml
  const { end } = findFirstStartTag(xml, name)
  const lineEnd = xml.indexOf('\n', end)
  const nextTag = xml.indexOf('<', end)
  // feed puts the first child on its own line; reuse that line's indentation.
  const indent =
    lineEnd !== -1 && lineEnd < nextTag && xml.slice(lineEnd + 1, nextTag).trim() === ''
      ? `\n${xml.slice(lineEnd + 1, nextTag)}`
      : ''
  return xml.slice(0, end) + children.map((child) => `${indent}${child}`).join('') + xml.slice(end)
}

/** Declares `xmlns:prefix` on the root start tag `name` unless it is declared there; throws PublishError without that tag. */
export function declareNamespace(xml: string, name: string, prefix: string, uri: string): string {
  const { start, end } = findFirstStartTag(xml, name)
  const tag = xml.slice(start, end)
  if (tag.includes(` xmlns:${prefix}=`)) return xml
  const insertAt = tag.endsWith('/>') ? end - 2 : end - 1
  return `${xml.slice(0, insertAt)} xmlns:${prefix}="${escapeXmlAttribute(uri)}"${xml.slice(insertAt)}`
}

// Offsets of every occurrence of a literal tag outside CDATA sections.
function findTag(xml: string, tag: string): number[] {
  const offsets: number[] = []
  let at = xml.indexOf(tag)
  let cdata = xml.indexOf(CDATA_OPEN)
  while (at !== -1) {
    if (cdata !== -1 && cdata < at) {
      const cdataEnd = xml.indexOf(CDATA_CLOSE, cdata + CDATA_OPEN.length)
      if (cdataEnd === -1) throw new PublishError('publish: unterminated CDATA section in generated XML')
      const resume = cdataEnd + CDATA_CLOSE.length
      if (at < resume) at = xml.indexOf(tag, resume)
      cdata = xml.indexOf(CDATA_OPEN, resume)
      continue
    }
    offsets.push(at)
    at = xml.indexOf(tag, at + tag.length)
  }
  return offsets
}

// The root and the RSS channel come first in feed's output and their attributes are constants,
// so the first match is the element itself and the next `>` ends its start tag.
function findFirstStartTag(xml: string, name: string): { start: number; end: number } {
  const open = `<${name}`
  let start = xml.indexOf(open)
  while (start !== -1 && !endsTagName(xml.charAt(start + open.length))) {
    start = xml.indexOf(open, start + 1)
  }
  const close = start === -1 ? -1 : xml.indexOf('>', start)
  if (close === -1) throw new PublishError(`publish: no <${name}> start tag in generated XML`)
  return { start, end: close + 1 }
}

function endsTagName(char: string): boolean {
  return char !== '' && ' \n\t/>'.includes(char)
}

// feed pretty-prints with four spaces: put each child on its own line, one level deeper than the end tag.
function indentBeforeEndTag(xml: string, endTagAt: number, children: readonly string[]): string {
  const lineStart = xml.lastIndexOf('\n', endTagAt - 1) + 1
  const indent = xml.slice(lineStart, endTagAt)
  if (lineStart === 0 || indent.trim() !== '') return children.join('')
  return children.map((child) => `${INDENT_UNIT}${child}\n${indent}`).join('')
}
