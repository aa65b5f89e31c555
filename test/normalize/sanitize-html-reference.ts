// The sanitizer and plain-text reader as they were on sanitize-html 2.17.5, kept verbatim (only renamed)
// so that the property tests can compare the htmlparser2 pass that replaced them with their output.
import sanitize from 'sanitize-html'
import { capNesting } from '../../src/html/index.js'
import { absoluteSrcset } from '../../src/normalize/absolute-srcset.js'
import { decodeSimpleText } from '../../src/normalize/simple-text.js'
import { resolveUrl } from '../../src/normalize/resolve-url.js'
import { cleanText } from '../../src/normalize/to-plain-text.js'

// Video players we let through (issue 4: "iframes only from an allow-list of video hosts"), by
// exact hostname. Anything else in an iframe is dropped.
const IFRAME_HOSTS = [
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'youtube-nocookie.com',
  'player.vimeo.com',
  'www.dailymotion.com',
  'geo.dailymotion.com',
]

// Modelled on what feed readers render (Miniflux's sanitizer allow-list): text structure and
// media, no scripting, styling, forms or plugins.
const ALLOWED_TAGS = [
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
]

// No `style`, `class`, `id` or `on*` anywhere: styling and ids would leak into the reader's page.
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
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
}

// data: images are refused: they bloat stored content (often megabytes inline), cannot be
// proxied or lazy-loaded, and SVG data URIs are a recurring XSS vector; lazy-load placeholders
// that use them are useless without the page's scripts anyway.
const MEDIA_SCHEMES = ['http', 'https']

const URL_ATTRIBUTES = ['href', 'src', 'poster']

const OPTIONS: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  // <source> is a void element (HTML §4.8.8); without this it would get a stray end tag.
  selfClosing: [...sanitize.defaults.selfClosing, 'source'],
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: MEDIA_SCHEMES, source: MEDIA_SCHEMES, audio: MEDIA_SCHEMES, video: MEDIA_SCHEMES, iframe: ['https'] },
  allowProtocolRelative: false,
  allowedIframeHostnames: IFRAME_HOSTS,
  allowIframeRelativeUrls: false,
  // Elements whose text is not prose (HTML §4.2.2, §4.12.1, §4.12.3; the rest are sanitize-html's
  // defaults) are dropped with it, as toPlainText drops it.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'template', 'title'],
  // An iframe or img whose source was refused is an empty box; drop it.
  exclusiveFilter: (frame) => (frame.tag === 'iframe' || frame.tag === 'img') && !frame.attribs.src,
}

// Every href/src/srcset/poster becomes an absolute http(s) URL against `baseUrl` (mailto: stays
// for links); a URL that cannot be made absolute is removed. Links get rel="noopener noreferrer".
/** Returns what sanitizeHtml returned when it ran sanitize-html. Never throws. */
export function referenceSanitizeHtml(html: string, baseUrl: string | null): string {
  // Text without markup comes out as sanitize-html would write it: references decoded, & < > escaped.
  const simple = decodeSimpleText(html)
  if (simple !== null) return simple.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim()
  const absolute: sanitize.Transformer = (tagName, attribs) => ({ tagName, attribs: absolutize(attribs, baseUrl) })
  return sanitize(capNesting(html), {
    ...OPTIONS,
    // These run before sanitize-html filters attributes, so its scheme checks see absolute URLs.
    // Only the allowed tags with URL attributes need them.
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...absolutize(attribs, baseUrl), rel: 'noopener noreferrer' } }),
      img: (tagName, attribs) => ({ tagName, attribs: absolutize(lazyImage(attribs), baseUrl) }),
      iframe: (tagName, attribs) => ({ tagName, attribs: embed(absolutize(attribs, baseUrl)) }),
      source: absolute,
      audio: absolute,
      video: absolute,
    },
  }).trim()
}

function absolutize(attribs: sanitize.Attributes, baseUrl: string | null): sanitize.Attributes {
  const result: sanitize.Attributes = { ...attribs }
  for (const name of URL_ATTRIBUTES) {
    const value = result[name]
    if (value === undefined) continue
    const url = name === 'href' && /^\s*mailto:/i.test(value) ? value.trim() : resolveUrl(value, baseUrl)
    if (url === null) delete result[name]
    else result[name] = url
  }
  // Only valid candidates may reach sanitize-html: its srcset parser console.logs on bad
  // descriptors, and stdout is reserved for command output.
  if (result.srcset !== undefined) {
    const srcset = absoluteSrcset(result.srcset, baseUrl)
    if (srcset === '') delete result.srcset
    else result.srcset = srcset
  }
  return result
}

// Lazy-loading markup (common in WordPress feeds) keeps the real image in data-src and puts a
// placeholder, often a data: URI that is refused below, in src.
function lazyImage(attribs: sanitize.Attributes): sanitize.Attributes {
  const lazy = attribs['data-src']
  const src = attribs.src?.trim() ?? ''
  return lazy !== undefined && (src === '' || /^data:/i.test(src)) ? { ...attribs, src: lazy } : attribs
}

// Old embeds use http: an https page would block them as mixed content, and every allowed
// host serves https. The sandbox follows Miniflux: the player may run its scripts but not
// navigate or script the reader's page.
function embed(attribs: sanitize.Attributes): sanitize.Attributes {
  const src = attribs.src?.replace(/^\s*http:/i, 'https:')
  return {
    ...attribs,
    ...(src === undefined ? {} : { src }),
    sandbox: 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox',
  }
}

// Tags that separate words when rendered; stripping them must not glue "end.</p><p>Next" together.
const BLOCK_TAGS = [
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h[1-6]', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul',
]
// `[^<>]`, not `[^>]`: a `<` with no `>` after it must not make every later `<` rescan to the end.
const BLOCK_BOUNDARY = new RegExp(String.raw`<\/?(?:${BLOCK_TAGS.join('|')})\b[^<>]*>`, 'gi')

const STRIP_ALL: sanitize.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  // Their text is code or form state, not prose.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title'],
}

/** Returns what toPlainText returned when it ran sanitize-html. Never throws. */
export function referenceToPlainText(html: string): string {
  const simple = decodeSimpleText(html)
  if (simple !== null) return cleanText(simple)
  // sanitize-html (htmlparser2) decodes the full HTML5 entity table and re-escapes only & < >,
  // which are undone here; `&amp;` last, so "&amp;lt;" stays the literal "&lt;".
  const escaped = sanitize(capNesting(html).replace(BLOCK_BOUNDARY, ' $&'), STRIP_ALL)
  return cleanText(escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
}

