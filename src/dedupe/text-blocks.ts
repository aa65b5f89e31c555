// Elements whose text is not the article's prose: code, form state, and photo captions (outlets
// write their own captions for the same wire photo, so they only add noise between copies).
const NON_PROSE = /<(script|style|noscript|template|textarea|select|button|svg|figcaption)\b[^>]*>[\s\S]*?<\/\1\s*>/gi
const COMMENT = /<!--[\s\S]*?-->/g
// Tags that end a paragraph, list item, cell or heading when rendered (the HTML block-level set).
const BLOCK_TAGS = [
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figure', 'footer', 'form', 'h[1-6]',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]
const BLOCK_TAG_SOURCE = String.raw`<\/?(?:${BLOCK_TAGS.join('|')})\b[^>]*>`
const BLOCK_TAG = new RegExp(BLOCK_TAG_SOURCE, 'gi')
const HAS_BLOCK_TAG = new RegExp(BLOCK_TAG_SOURCE, 'i')
const ANY_TAG = /<[^>]*>/g
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi
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
  const text = (HAS_BLOCK_TAG.test(content) ? content.replace(/\s+/g, ' ') : content)
    .replace(COMMENT, ' ')
    .replace(NON_PROSE, ' ')
    .replace(BLOCK_TAG, '\n')
    .replace(ANY_TAG, '')
    .replace(ENTITY, decodeEntity)
  return text.split(/\r?\n|\r/).map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '')
}

function decodeEntity(entity: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? entity
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16)
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : entity
}
