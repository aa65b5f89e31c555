import { VOID_ELEMENTS } from '../html/index.js'

// Readers for the untyped tree xml2js hands back through rss-parser: an element is a string
// (text only), or an object with `_` (text), `$` (attributes) and child arrays.

const MAX_MARKUP_DEPTH = 100

/** An element as xml2js builds it: `$` attributes, `_` text, and one array per child element name. */
export type RawNode = Record<string, unknown>

/** Returns true for a plain object (an element with attributes or children). Never throws. */
export function isRecord(value: unknown): value is RawNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Returns the value as a list of nodes: arrays as they are, one value wrapped, undefined as empty. Never throws. */
export function nodesOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value
  return value === undefined || value === null ? [] : [value]
}

/** Returns the child elements of `node` named `name` (a qualified name such as `media:content`). Never throws. */
export function childrenOf(node: unknown, name: string): readonly unknown[] {
  return isRecord(node) ? nodesOf(node[name]) : []
}

/** Returns an element's own text (not its children's), or null when it has none. Never throws. */
export function textOf(node: unknown): string | null {
  if (typeof node === 'string') return node
  if (isRecord(node) && typeof node._ === 'string') return node._
  return null
}

/** Returns the text trimmed, or null when it is missing or blank. Never throws. */
export function trimmed(text: string | null | undefined): string | null {
  const value = text?.trim() ?? ''
  return value === '' ? null : value
}

/** Returns the first node's trimmed non-blank text, or null. Never throws. */
export function firstText(value: unknown): string | null {
  for (const node of nodesOf(value)) {
    const text = trimmed(textOf(node))
    if (text !== null) return text
  }
  return null
}

/** Returns the first non-blank text among the children of `node` with one of `names`, tried in order. Never throws. */
export function childText(node: unknown, ...names: string[]): string | null {
  for (const name of names) {
    const text = firstText(childrenOf(node, name))
    if (text !== null) return text
  }
  return null
}

/** Returns an attribute's value, or null when the node has no such attribute. Never throws. */
export function attrOf(node: unknown, name: string): string | null {
  if (!isRecord(node) || !isRecord(node.$)) return null
  const value = node.$[name]
  return typeof value === 'string' ? value : null
}

/** Returns the trimmed, non-blank value of an attribute, or null. Never throws. */
export function trimmedAttr(node: unknown, name: string): string | null {
  return trimmed(attrOf(node, name))
}

/** Returns the count in a non-negative decimal integer text, or null when it is anything else. Never throws. */
export function parseCount(text: string | null): number | null {
  const digits = text?.trim() ?? ''
  if (!/^\d+$/.test(digits)) return null
  const count = Number(digits)
  return Number.isSafeInteger(count) ? count : null
}

/** Returns the text of an element followed by its descendants' text, space-separated (depth-bounded). Never throws. */
export function allText(node: unknown, depth = 0): string {
  const own = textOf(node) ?? ''
  if (!isRecord(node) || depth > MAX_MARKUP_DEPTH) return own
  let text = own
  for (const [name, children] of Object.entries(node)) {
    if (name === '$' || name === '_') continue
    for (const child of nodesOf(children)) text += ` ${allText(child, depth + 1)}`
  }
  return text
}

/** Returns true when an element has child elements (not just text and attributes). Never throws. */
export function hasChildElements(node: unknown): boolean {
  return isRecord(node) && Object.keys(node).some((key) => key !== '$' && key !== '_')
}

// Feeds put HTML in <description> or <content:encoded> escaped or in CDATA, as they should, or
// now and then as unescaped child elements.
/** Returns the non-blank HTML an element holds: its text, or its markup when it has child elements; else null. Never throws. */
export function htmlOf(node: unknown): string | null {
  const html = hasChildElements(node) ? innerMarkup(node) : textOf(node)
  return html === null || html.trim() === '' ? null : html
}

// xml2js keeps an element's text apart from its children and groups children by name, so the
// original interleaving is gone. The parse stage rewrites such elements in document order before
// parsing (inline-markup.ts); this is the fallback for when that could not be done.
/** Returns the text and child elements of `node` as markup (text first, children grouped by name). Never throws. */
export function innerMarkup(node: unknown, depth = 0): string {
  if (!isRecord(node)) return typeof node === 'string' ? escapeText(node) : ''
  // Deeper nesting than any real content is dropped rather than overflowing the stack.
  if (depth > MAX_MARKUP_DEPTH) return ''
  let markup = typeof node._ === 'string' ? escapeText(node._) : ''
  for (const [name, children] of Object.entries(node)) {
    if (name === '$' || name === '_') continue
    for (const child of nodesOf(children)) {
      const attributes = isRecord(child) && isRecord(child.$) ? child.$ : {}
      const attributeText = Object.entries(attributes)
        .map(([key, value]) => ` ${key}="${escapeText(String(value)).replace(/"/g, '&quot;')}"`)
        .join('')
      const inner = innerMarkup(child, depth + 1)
      markup += inner === '' && VOID_ELEMENTS.has(name.toLowerCase()) ? `<${name}${attributeText}>` : `<${name}${attributeText}>${inner}</${name}>`
    }
  }
  return markup
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
