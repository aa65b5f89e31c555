import { Parser } from 'htmlparser2'
import { capNesting } from '../html/index.js'
import { absoluteSrcset } from './absolute-srcset.js'
import { formatSrcset } from './format-srcset.js'
import { hasAllowedScheme } from './has-allowed-scheme.js'
import { decodeSimpleText } from './simple-text.js'
import { resolveUrl } from './resolve-url.js'

// Video players we let through (issue 4: "iframes only from an allow-list of video hosts"), by
// exact hostname. Anything else in an iframe is dropped.
const IFRAME_HOSTS: ReadonlySet<string> = new Set([
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'youtube-nocookie.com',
  'player.vimeo.com',
  'www.dailymotion.com',
  'geo.dailymotion.com',
])

// Modelled on what feed readers render (Miniflux's sanitizer allow-list): text structure and
// media, no scripting, styling, forms or plugins.
const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'p', 'br', 'b', 'i', 'em', 'strong', 'u', 's', 'sub', 'sup', 'small', 'mark', 'abbr', 'cite', 'q',
  'del', 'ins', 'hr', 'span', 'div', 'kbd', 'samp', 'var',
  'a',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'code',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'figure', 'figcaption',
  'img', 'picture', 'source', 'audio', 'video',
  'iframe',
])

// No `style`, `class`, `id` or `on*` anywhere: styling and ids would leak into the reader's page.
const ALLOWED_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(Object.entries({
  a: ['href', 'title', 'rel'],
  abbr: ['title'],
  img: ['src', 'srcset', 'alt', 'title', 'width', 'height'],
  source: ['src', 'srcset', 'type', 'media', 'sizes'],
  audio: ['src', 'controls'],
  video: ['src', 'controls', 'poster', 'width', 'height'],
  iframe: ['src', 'width', 'height', 'allowfullscreen', 'title', 'sandbox'],
  ol: ['start'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
}).map(([tag, names]) => [tag, new Set(names)]))

// data: images are refused: they bloat stored content (often megabytes inline), cannot be
// proxied or lazy-loaded, and SVG data URIs are a recurring XSS vector; lazy-load placeholders
// that use them are useless without the page's scripts anyway.
const MEDIA_SCHEMES = ['http', 'https']
// The schemes a URL attribute (href, src, poster) may have, by tag; links may also be mailto:.
const SCHEMES_BY_TAG: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['http', 'https', 'mailto']],
  ['img', MEDIA_SCHEMES],
  ['source', MEDIA_SCHEMES],
  ['audio', MEDIA_SCHEMES],
  ['video', MEDIA_SCHEMES],
  ['iframe', ['https']],
])

const URL_ATTRIBUTES = ['href', 'src', 'poster']
// An attribute with an empty value is dropped, unless it is one of these: boolean attributes, and
// alt (an empty alt marks a decorative image). sanitize-html wrote them `controls` and `alt=""`.
const EMPTY_VALUE_ATTRIBUTES: ReadonlySet<string> = new Set(['alt', 'controls', 'allowfullscreen'])

// Void elements, written `<br />` with no end tag (sanitize-html's selfClosing; `<source>` is void
// too, HTML §4.8.8).
const SELF_CLOSING: ReadonlySet<string> = new Set(['img', 'br', 'hr', 'source'])

// Elements whose text is not prose (HTML §4.2.2, §4.12.1, §4.12.3; the rest are sanitize-html's
// defaults) are dropped with it, as toPlainText drops it.
const NON_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'template', 'title'])

const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox'

// Every href/src/srcset/poster becomes an absolute http(s) URL against `baseUrl` (mailto: stays
// for links); a URL that cannot be made absolute is removed. Links get rel="noopener noreferrer".
/** Returns the HTML reduced to a feed-reader allow-list with absolute URLs. Never throws. */
export function sanitizeHtml(html: string, baseUrl: string | null): string {
  // Text without markup comes out as sanitize-html would write it: references decoded, & < > escaped.
  const simple = decodeSimpleText(html)
  if (simple !== null) return escapeText(simple).trim()
  return sanitize(capNesting(html), baseUrl)
}

// What became of an open element's tags: written; dropped with the content kept (a tag not
// allowed); or dropped with the content (an img or iframe whose source was refused is an empty box).
const WRITTEN = 0
const UNWRAPPED = 1
const REMOVED = 2

// One htmlparser2 pass with the decisions sanitize-html made with the options this module gave it
// (disallowed tags discarded, their text kept; nonTextTags; exclusiveFilter; transformTags run before
// the attribute checks, so that they see absolute URLs), writing the same output: text escaped
// & < >, attribute values & < > ", every written element closed in order. htmlparser2's stack does
// the tree building (implied end tags, void elements, `/>` only in SVG and MathML); what is open is
// mirrored here, as sanitize-html's frames did.
function sanitize(html: string, baseUrl: string | null): string {
  let out = ''
  const names: string[] = []
  const fates: number[] = []
  // Inside a non-text element: how many elements are open from it down; 0 outside one.
  let skipDepth = 0
  // How many REMOVED elements are open: nothing inside them is written.
  let removing = 0
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipDepth > 0) {
          skipDepth++
          return
        }
        names.push(name)
        if (!ALLOWED_TAGS.has(name)) {
          fates.push(UNWRAPPED)
          if (NON_TEXT_TAGS.has(name)) skipDepth = 1
          return
        }
        const tag = openTag(name, attribs, baseUrl)
        if (tag === null) {
          fates.push(REMOVED)
          removing++
          return
        }
        fates.push(WRITTEN)
        if (removing > 0) return
        out += tag
      },
      ontext(data) {
        if (skipDepth > 0 || removing > 0) return
        out += escapeText(data)
      },
      onclosetag(name) {
        if (skipDepth > 0 && --skipDepth > 0) return
        // htmlparser2 closes what it opened, in order; sanitize-html ignored an end tag that did not.
        if (names.at(-1) !== name) return
        names.pop()
        const fate = fates.pop()
        if (fate === REMOVED) removing--
        if (fate !== WRITTEN || removing > 0 || SELF_CLOSING.has(name)) return
        out += `</${name}>`
      },
    },
    { decodeEntities: true },
  )
  parser.end(html)
  return out.trim()
}

// The start tag as written, or null when the element goes with its content (an img or iframe left
// without src). `attribs` is htmlparser2's (names lower-cased, the first of repeated ones), in
// source order: it is changed in place, which keeps the order sanitize-html's transforms gave (a
// replaced value stays where it was, an added attribute comes last).
function openTag(name: string, attribs: Record<string, string>, baseUrl: string | null): string | null {
  const allowed = ALLOWED_ATTRIBUTES.get(name)
  if (allowed === undefined) return SELF_CLOSING.has(name) ? `<${name} />` : `<${name}>`
  if (name === 'img') lazyImage(attribs)
  if (name === 'a' || name === 'img' || name === 'iframe' || name === 'source' || name === 'audio' || name === 'video') absolutize(attribs, baseUrl)
  if (name === 'a') attribs.rel = 'noopener noreferrer'
  if (name === 'iframe') embed(attribs)
  let tag = `<${name}`
  let hasSrc = false
  for (const attribute of Object.keys(attribs)) {
    let value = attribs[attribute] ?? ''
    if (!allowed.has(attribute) || (value === '' && !EMPTY_VALUE_ATTRIBUTES.has(attribute))) continue
    if (URL_ATTRIBUTES.includes(attribute) && !hasAllowedScheme(value, SCHEMES_BY_TAG.get(name) ?? [])) continue
    if (name === 'iframe' && attribute === 'src' && !IFRAME_HOSTS.has(hostnameOf(value))) continue
    if (attribute === 'srcset') {
      value = formatSrcset(value)
      if (value === '') continue
    }
    if (attribute === 'src') hasSrc = true
    tag += value !== '' ? ` ${attribute}="${escapeAttribute(value)}"` : attribute === 'alt' ? ' alt=""' : ` ${attribute}`
  }
  if ((name === 'img' || name === 'iframe') && !hasSrc) return null
  return tag + (SELF_CLOSING.has(name) ? ' />' : '>')
}

function absolutize(attribs: Record<string, string>, baseUrl: string | null): void {
  for (const name of URL_ATTRIBUTES) {
    const value = attribs[name]
    if (value === undefined) continue
    const url = name === 'href' && /^\s*mailto:/i.test(value) ? value.trim() : resolveUrl(value, baseUrl)
    if (url === null) delete attribs[name]
    else attribs[name] = url
  }
  // absoluteSrcset keeps only valid candidates (sanitize-html's srcset parser console.logged bad
  // descriptors, and stdout is reserved for command output).
  if (attribs.srcset !== undefined) {
    const srcset = absoluteSrcset(attribs.srcset, baseUrl)
    if (srcset === '') delete attribs.srcset
    else attribs.srcset = srcset
  }
}

// Lazy-loading markup (common in WordPress feeds) keeps the real image in data-src and puts a
// placeholder, often a data: URI that is refused below, in src.
function lazyImage(attribs: Record<string, string>): void {
  const lazy = attribs['data-src']
  const src = attribs.src?.trim() ?? ''
  if (lazy !== undefined && (src === '' || /^data:/i.test(src))) attribs.src = lazy
}

// Old embeds use http: an https page would block them as mixed content, and every allowed
// host serves https. The sandbox follows Miniflux: the player may run its scripts but not
// navigate or script the reader's page.
function embed(attribs: Record<string, string>): void {
  if (attribs.src !== undefined) attribs.src = attribs.src.replace(/^\s*http:/i, 'https:')
  attribs.sandbox = SANDBOX
}

// The iframe allow-list compares exact hostnames, as sanitize-html's allowedIframeHostnames did.
function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

// sanitize-html's escapeHtml: & < > in text, and " too in attribute values (never ').
function escapeText(text: string): string {
  return ESCAPED_IN_TEXT.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text
}

function escapeAttribute(value: string): string {
  return ESCAPED_IN_ATTRIBUTE.test(value) ? escapeText(value).replace(/"/g, '&quot;') : value
}

const ESCAPED_IN_TEXT = /[&<>]/
const ESCAPED_IN_ATTRIBUTE = /[&<>"]/
