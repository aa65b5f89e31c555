import { ParseError } from './errors.js'
import { scanProlog } from './scan-prolog.js'

/** Cap on characters added by expanding internal entities; a document needing more is refused (an expansion attack). */
const MAX_ENTITY_EXPANSION_CHARS = 1_000_000

const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])
// A general entity declaration (XML 1.0 §4.2) up to its value, which is a literal or external
// (SYSTEM/PUBLIC), whose references are dropped: nothing is ever fetched or read (see entityDeclarations).
// Parameter entities (`%`) only matter inside the DTD, which is removed, so they do not match.
const ENTITY_START = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+/g
const TAG_BOUNDARY = /[<>]/g
// Markup whose content must not be touched: CDATA sections, comments, processing instructions.
const OPAQUE: readonly (readonly [string, string])[] = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
]
const AMPERSAND = /&(?:(#\d+|#[xX][0-9A-Fa-f]+)|([A-Za-z_][\w.-]*));|&/g
const NEEDS_REPAIR = /&#X([0-9A-Fa-f]+);|&(?!#\d+;|#x[0-9A-Fa-f]+;|[A-Za-z_][\w.-]*;)/g
// XML 1.0 §2.2 Char excludes the C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF. They
// carry no meaning in a feed and would break any XML we publish later.
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

// The repairs rss-parser (xml2js in strict mode) needs for common real-world breakage:
// - the DOCTYPE is removed, since rss-parser rejects any internal entity declaration;
// - references to its internal entities become their escaped literal value; a declaration whose
//   value refers to another declared entity (the "billion laughs" shape) or an expansion past
//   MAX_ENTITY_EXPANSION_CHARS refuses the document (ParseError parse_entity_expansion), so no
//   feed is stored with half-expanded references;
// - references to its external entities are dropped: nothing is ever fetched or read;
// - a bare `&` that does not start a reference becomes `&amp;`;
// - characters XML forbids are dropped.
/**
 * Returns the XML text with its DOCTYPE removed, internal entities expanded, bare ampersands escaped and
 * forbidden characters dropped. Throws ParseError `parse_entity_expansion` on nested entity declarations
 * or an expansion past the cap.
 */
export function repairXml(document: string): string {
  const text = withoutForbiddenCharacters(document)
  const { doctype } = scanProlog(text)
  const entities = new Map<string, string>()
  let body = text
  if (doctype !== null && doctype.end > 0) {
    const declarations = entityDeclarations(doctype.internalSubset ?? '')
    for (const [name, literal] of declarations) {
      if (!entities.has(name)) entities.set(name, escapeLiteral(literal ?? ''))
    }
    refuseNestedEntities(declarations, entities)
    body = text.slice(0, doctype.start) + text.slice(doctype.end)
  }
  // The common case: nothing to expand and no bare ampersand anywhere, not even in CDATA.
  NEEDS_REPAIR.lastIndex = 0
  if (entities.size === 0 && !NEEDS_REPAIR.test(body)) return body
  let budget = MAX_ENTITY_EXPANSION_CHARS
  // Without internal entities only a bare `&` or an `&#X` reference needs rewriting: the narrower
  // pattern skips the (many) well-formed references without a callback each.
  const repair = entities.size === 0
    ? (chunk: string): string => chunk.replace(NEEDS_REPAIR, (_ref: string, upperHex?: string) => (upperHex === undefined ? '&amp;' : `&#x${upperHex};`))
    : (chunk: string): string =>
        chunk.replace(AMPERSAND, (ref: string, charRef: string | undefined, name: string | undefined) => {
          // XML 1.0 §4.1 spells hexadecimal references `&#x`; HTML also accepts `&#X`.
          if (charRef !== undefined) return charRef.startsWith('#X') ? `&#x${ref.slice(3)}` : ref
          if (name === undefined) return '&amp;'
          const value = entities.get(name)
          if (value === undefined || PREDEFINED_ENTITIES.has(name)) return ref
          budget -= value.length
          if (budget < 0) throw new ParseError('parse_entity_expansion', `parse: expanding the document's entities would add more than ${MAX_ENTITY_EXPANSION_CHARS} characters`)
          return value
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

/** Returns the text without the characters XML 1.0 excludes (NUL and other C0 controls, U+FFFE, U+FFFF). Never throws. */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_CHARACTERS, '')
}

// A value is a literal when its closing quote is followed by `>`, else it runs to the next `>`
// (external); with a `<` first, nothing is declared. Read by hand: as one expression the literal
// and the rest overlap, and an unterminated declaration took seconds per 100 KB (issue 12). Each
// quote is searched to the next quote and each rest to the next `<` or `>`, so the work is linear.
function entityDeclarations(subset: string): [name: string, literal: string | null][] {
  const declarations: [string, string | null][] = []
  ENTITY_START.lastIndex = 0
  for (let match = ENTITY_START.exec(subset); match !== null; match = ENTITY_START.exec(subset)) {
    const name = match[1] ?? ''
    const value = ENTITY_START.lastIndex
    const quote = subset.charAt(value)
    const close = quote === '"' || quote === "'" ? subset.indexOf(quote, value + 1) : -1
    if (close >= 0 && subset.charAt(close + 1) === '>') {
      declarations.push([name, subset.slice(value + 1, close)])
      ENTITY_START.lastIndex = close + 2
      continue
    }
    TAG_BOUNDARY.lastIndex = value
    const boundary = TAG_BOUNDARY.exec(subset)
    if (boundary?.[0] !== '>') continue
    declarations.push([name, null])
    ENTITY_START.lastIndex = boundary.index + 1
  }
  return declarations
}

/** Throws when a declared value refers to another declared general entity: nesting is what expansion attacks are built from. */
function refuseNestedEntities(declarations: readonly [string, string | null][], entities: ReadonlyMap<string, string>): void {
  for (const [name, literal] of declarations) {
    for (const match of (literal ?? '').matchAll(AMPERSAND)) {
      const inner = match[2]
      if (inner !== undefined && entities.has(inner) && !PREDEFINED_ENTITIES.has(inner)) {
        throw new ParseError('parse_entity_expansion', `parse: entity "${name}" refers to entity "${inner}"; nested entity declarations are refused (an entity-expansion attack)`)
      }
    }
  }
}

// The value is inserted as character data, so markup in it is escaped rather than parsed; character
// references and the predefined entities stay as they are, and a reference to an undeclared entity is
// escaped (shown literally): declared ones were refused before (refuseNestedEntities).
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
