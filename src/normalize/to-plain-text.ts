import { Parser } from 'htmlparser2'
import { capNesting } from '../html/index.js'
import { decodeSimpleText } from './simple-text.js'

// Tags that separate words when rendered; stripping them must not glue "end.</p><p>Next" together.
const BLOCK_TAGS = [
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]
// `[^<>]`, not `[^>]`: a `<` with no `>` after it must not make every later `<` rescan to the end.
const BLOCK_BOUNDARY = new RegExp(String.raw`<\/?(?:${BLOCK_TAGS.join('|')})\b[^<>]*>`, 'gi')

// Their text is code or form state, not prose. (`xmp` is raw text too, but its text is kept, as
// sanitize-html kept it with these options.)
const NON_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title'])

/** Returns the plain text of HTML: tags stripped, all character references decoded, cleaned as by cleanText. Never throws. */
export function toPlainText(html: string): string {
  const simple = decodeSimpleText(html)
  if (simple !== null) return cleanText(simple)
  // A space before each block tag, where the raw markup has one, gives the word breaks. (The
  // sanitizer, which parses only once, writes them at the block tags it keeps instead.)
  return cleanText(textOf(capNesting(html).replace(BLOCK_BOUNDARY, ' $&')))
}

// The text htmlparser2 reads (the full HTML5 reference table decoded) outside NON_TEXT_TAGS: what
// sanitize-html kept of it with no tag allowed (and nonTextTags NON_TEXT_TAGS), its escaping undone.
function textOf(html: string): string {
  let text = ''
  // Inside a non-text element: how many elements are open from it down, 0 outside one.
  let skipDepth = 0
  const parser = new Parser(
    {
      onopentag(name) {
        if (skipDepth > 0) skipDepth++
        else if (NON_TEXT_TAGS.has(name)) skipDepth = 1
      },
      ontext(data) {
        if (skipDepth === 0) text += data
      },
      onclosetag() {
        if (skipDepth > 0) skipDepth--
      },
    },
    { decodeEntities: true },
  )
  parser.end(html)
  return text
}

// sanitizeHtml's output is well-formed and escapes `>` everywhere but at the end of a tag (and `"`
// in attribute values), and decodes every reference but &amp; &lt; &gt;: stripping tags with a
// regular expression is exact on it, and much cheaper than another HTML parse. With `minChars`,
// only as much of the HTML is read as gives that much text (cut before a tag, so no tag is split).
/** Returns the plain text (as toPlainText) of HTML that sanitizeHtml produced, or of enough of it for `minChars`. Never throws. */
export function sanitizedToPlainText(html: string, minChars = Infinity): string {
  for (let size = Math.max(1024, minChars * 4); size < html.length; size *= 4) {
    // Inside a tag (its `<` after the last `>`), cut before the tag.
    const tagStart = html.lastIndexOf('<', size)
    const text = strippedText(html.slice(0, tagStart > html.lastIndexOf('>', size) ? tagStart : size))
    if (text.length >= minChars + PREFIX_MARGIN_CHARS) return text
  }
  return strippedText(html)
}

function strippedText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return cleanText(html)
  const text = html.replace(BLOCK_BOUNDARY, ' ').replace(/<[^<>]*>/g, '')
  return cleanText(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
}

// A summary needs only the first few hundred characters of a long article: the HTML is read in
// growing prefixes, each cut at a tag boundary, until one yields enough text. The margin keeps what
// a cut may leave at the end (half an entity) past the characters the caller keeps.
/** Returns plain text (as toPlainText) of at least the first `minChars` characters of the HTML, or of all of it. Never throws. */
export function toPlainTextPrefix(html: string, minChars: number): string {
  for (let size = Math.max(1024, minChars * 4); size < html.length; size *= 4) {
    const cut = html.lastIndexOf('<', size)
    const text = toPlainText(html.slice(0, cut > 0 ? cut : size))
    if (text.length >= minChars + PREFIX_MARGIN_CHARS) return text
  }
  return toPlainText(html)
}

const PREFIX_MARGIN_CHARS = 16

// C1 controls (U+0080–U+009F) in feeds are almost always Windows-1252 punctuation that went through
// a Latin-1 step ("don&#146;t"); HTML maps numeric references to them the same way
// (HTML §13.2.5.80, numeric character reference end state). U+0000 marks unassigned bytes.
const WINDOWS_1252_C1 =
  '\u20ac\u0000\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0000\u017d\u0000' +
  '\u0000\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0000\u017e\u0178'

/** Returns plain text with C1 controls read as windows-1252, other controls dropped, whitespace collapsed. Never throws. */
export function cleanText(text: string): string {
  // Most text has none of these: testing first saves a copy of the string per replace.
  const controls = CONTROLS.test(text)
    ? text
        .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1.charAt(c.charCodeAt(0) - 0x80))
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    : text
  return (COLLAPSIBLE.test(controls) ? controls.replace(/\s+/g, ' ') : controls).trim()
}

const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/
// Whitespace that collapsing would change: a run of two, or any whitespace but a plain space.
const COLLAPSIBLE = /\s\s|[^\S ]/
