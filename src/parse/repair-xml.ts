import { scanProlog } from './scan-prolog.js'

/** Cap on characters added by expanding internal entities, so a hostile DTD cannot blow up memory. */
const MAX_ENTITY_EXPANSION_CHARS = 1_000_000

const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])
// A general entity declaration (XML 1.0 §4.2): with a literal value (groups 2, 3), or external
// (SYSTEM/PUBLIC, neither group), whose references are dropped: nothing is ever fetched or read.
// Parameter entities (`%`) only matter inside the DTD, which is removed, so they do not match.
const ENTITY_DECLARATION = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)'|[^>]*)>/g
// Markup whose content must not be touched: CDATA sections, comments, processing instructions.
const OPAQUE: readonly (readonly [string, string])[] = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
]
const AMPERSAND = /&(?:(#\d+|#x[0-9A-Fa-f]+)|([A-Za-z_][\w.-]*));|&/g

// The repairs rss-parser (xml2js in strict mode) needs for common real-world breakage:
// - the DOCTYPE is removed, since rss-parser rejects any internal entity declaration;
// - references to its internal entities become their escaped literal value (one level, never
//   recursive, capped by MAX_ENTITY_EXPANSION_CHARS; beyond the cap they are dropped);
// - references to its external entities are dropped: nothing is ever fetched or read;
// - a bare `&` that does not start a reference becomes `&amp;`.
/** Returns the XML text with its DOCTYPE removed, internal entities expanded and bare ampersands escaped. Never throws. */
export function repairXml(text: string): string {
  const { doctype } = scanProlog(text)
  const entities = new Map<string, string>()
  let body = text
  if (doctype !== null && doctype.end > 0) {
    for (const match of (doctype.internalSubset ?? '').matchAll(ENTITY_DECLARATION)) {
      const [, name = '', double, single] = match
      if (!entities.has(name)) entities.set(name, escapeLiteral(double ?? single ?? ''))
    }
    body = text.slice(0, doctype.start) + text.slice(doctype.end)
  }
  let budget = MAX_ENTITY_EXPANSION_CHARS
  const repair = (chunk: string): string =>
    chunk.replace(AMPERSAND, (ref: string, charRef: string | undefined, name: string | undefined) => {
      if (charRef !== undefined) return ref
      if (name === undefined) return '&amp;'
      const value = entities.get(name)
      if (value === undefined || PREDEFINED_ENTITIES.has(name)) return ref
      budget -= value.length
      return budget >= 0 ? value : ''
    })
  let out = ''
  let position = 0
  // Next occurrence of each opener; each is searched again only once passed, so a hostile
  // document full of unterminated openers still costs linear time (a regex would not).
  const next = OPAQUE.map(([open]) => body.indexOf(open))
  for (;;) {
    for (const [i, [open]] of OPAQUE.entries()) {
      const at = next[i] ?? -1
      if (at >= 0 && at < position) next[i] = body.indexOf(open, position)
    }
    const starts = next.filter((at) => at >= 0)
    if (starts.length === 0) return out + repair(body.slice(position))
    const start = Math.min(...starts)
    const close = OPAQUE[next.indexOf(start)]?.[1] ?? ''
    const stop = body.indexOf(close, start + 2)
    // An unterminated section runs to the end of the document, as the XML parser will read it.
    const end = stop < 0 ? body.length : stop + close.length
    out += repair(body.slice(position, start)) + body.slice(start, end)
    position = end
  }
}

// The value is inserted as character data, so markup in it is escaped rather than parsed; character
// references and the predefined entities stay as they are, references to other entities are
// escaped (shown literally), which keeps expansion to one level.
function escapeLiteral(value: string): string {
  return value
    .replace(AMPERSAND, (ref: string, charRef: string | undefined, name: string | undefined) =>
      charRef !== undefined || (name !== undefined && PREDEFINED_ENTITIES.has(name)) ? ref : `&amp;${ref.slice(1)}`,
    )
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
