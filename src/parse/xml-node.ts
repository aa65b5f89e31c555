// Readers for the untyped tree xml2js hands back through rss-parser: an element is a string
// (text only), or an object with `_` (text), `$` (attributes) and child arrays.

/** Returns true for a plain object (an element with attributes or children). Never throws. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Returns the value as a list of nodes: arrays as they are, one value wrapped, undefined as empty. Never throws. */
export function nodesOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value
  return value === undefined || value === null ? [] : [value]
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

/** Returns an attribute's value, or null when the node has no such attribute. Never throws. */
export function attrOf(node: unknown, name: string): string | null {
  if (!isRecord(node) || !isRecord(node.$)) return null
  const value = node.$[name]
  return typeof value === 'string' ? value : null
}
