// Elements whose text is not the article's prose: code, form state, and photo captions (outlets
// write their own captions for the same wire photo, so they only add noise between copies).
const NON_PROSE_NAMES = ['script', 'style', 'noscript', 'template', 'textarea', 'select', 'button', 'svg', 'figcaption']
const NON_PROSE_START = new RegExp(String.raw`<(${NON_PROSE_NAMES.join('|')})\b`, 'gi')
const NON_PROSE_END = new Map(NON_PROSE_NAMES.map((name) => [name, new RegExp(String.raw`<\/${name}\s*>`, 'gi')]))
// An unterminated comment, or tag below, matches to the end and is kept as it is (group 1 is `$`;
// in ANY_TAG it holds the kept text): linear, where requiring the `-->` or `>` made every later
// opener rescan the rest of the text. Nothing after it could have matched.
const COMMENT = /<!--[\s\S]*?(-->|$)/g
// Tags that end a paragraph, list item, cell or heading when rendered (the HTML block-level set).
const BLOCK_TAGS = [
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figure', 'footer', 'form', 'h[1-6]',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]
const BLOCK_TAG_SOURCE = String.raw`<\/?(?:${BLOCK_TAGS.join('|')})\b[^>]*(>|$)`
const BLOCK_TAG = new RegExp(BLOCK_TAG_SOURCE, 'gi')
const FIRST_BLOCK_TAG = new RegExp(BLOCK_TAG_SOURCE, 'i')
const ANY_TAG = /<[^>]*>|(<[^>]*$)/g
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi
const LINE_BREAK = /\r?\n|\r/
// Every run of whitespace but a lone space, which `replace(/\s+/g, ' ')` would only replace by
// itself: most runs in text are one space, and skipping them made the pass 2–4× as fast.
const SPACES_BUT_ONE = / \s+|[^\S ]\s*/g
// Sanitized feed HTML (normalize/) keeps only &amp; &lt; &gt; and quote escapes; scraped text and raw
// summaries bring the typographic ones too.
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', rdquo: '”',
  ldquo: '“', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', copy: '©', middot: '·', bull: '•',
}

/**
 * Returns the text of HTML or of plain text as its rendered blocks (paragraphs, list items, headings;
 * in plain text, lines), each with tags removed, character references decoded and whitespace
 * collapsed; empty blocks dropped. In HTML a line break is only whitespace, as when rendered. Never throws.
 */
export function textBlocks(content: string): string[] {
  const html = FIRST_BLOCK_TAG.exec(content)?.[1] === '>' ? collapseSpaces(content) : content
  const text = withoutNonProse(html.replace(COMMENT, (comment, end: string) => (end === '' ? comment : ' ')))
    .replace(BLOCK_TAG, (tag, end: string) => (end === '' ? tag : '\n'))
    .replace(ANY_TAG, '$1')
    .replace(ENTITY, decodeEntity)
  // A loop, not split().map().filter(): no intermediate arrays.
  const blocks: string[] = []
  for (const line of text.split(LINE_BREAK)) {
    const block = collapseSpaces(line).trim()
    if (block !== '') blocks.push(block)
  }
  return blocks
}

// Each run of whitespace becomes one space.
function collapseSpaces(text: string): string {
  return text.replace(SPACES_BUT_ONE, ' ')
}

// Each non-prose element, from its start tag to the first end tag of its name, becomes a space (as
// /<(script|…)\b[^>]*>[\s\S]*?<\/\1\s*>/gi did, but linear): the `>` of a start tag and each name's
// end tag are searched forward only, and a name with no end tag left is not searched again.
function withoutNonProse(html: string): string {
  let out = ''
  let position = 0
  let tagEnd = -1
  const ends = new Map<string, RegExpExecArray | null>()
  NON_PROSE_START.lastIndex = 0
  for (let start = NON_PROSE_START.exec(html); start !== null; start = NON_PROSE_START.exec(html)) {
    if (tagEnd < start.index) tagEnd = html.indexOf('>', start.index)
    if (tagEnd < 0) break
    const end = endTagAfter(html, (start[1] ?? '').toLowerCase(), tagEnd + 1, ends)
    if (end === null) continue
    out += `${html.slice(position, start.index)} `
    position = end
    NON_PROSE_START.lastIndex = end
  }
  return out + html.slice(position)
}

// Where the first end tag of `name` at or after `from` ends, or null; `found` keeps each name's last find.
function endTagAfter(html: string, name: string, from: number, found: Map<string, RegExpExecArray | null>): number | null {
  let match = found.get(name)
  if (match === undefined || (match !== null && match.index < from)) {
    const pattern = NON_PROSE_END.get(name)
    if (pattern === undefined) return null
    pattern.lastIndex = from
    match = pattern.exec(html)
    found.set(name, match)
  }
  return match === null ? null : match.index + match[0].length
}

function decodeEntity(entity: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? entity
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16)
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : entity
}
