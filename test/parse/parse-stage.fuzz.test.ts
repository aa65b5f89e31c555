import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { identifyItems, withMatchData } from '../../src/dedupe/index.js'
import { normalizeFeed } from '../../src/normalize/index.js'
import { parseFeed, ParseError } from '../../src/parse/index.js'

// Issue 12: whatever a feed's server sends, the parse stage (parse → normalize → identify → match
// data, as a refresh runs it) either reads items or throws ParseError, and what it reads carries no
// NUL (PostgreSQL text cannot hold one). Runs are bounded so the suite stays a few seconds long.
const RUNS = 250
const FEED_URL = 'https://fuzz.example/feed'
const NOW = new Date('2026-06-01T10:00:00Z')

async function readStage(body: Buffer, contentType: string | null): Promise<unknown> {
  const parsed = await parseFeed(body, { url: FEED_URL, contentType })
  const normalized = normalizeFeed(parsed, { feedUrl: FEED_URL, now: NOW })
  const items = withMatchData(identifyItems(normalized.items), { feedId: 1, feedTitle: normalized.title, seenAt: NOW })
  return { ...normalized, items }
}

// Every string in a result, with where it is.
function* stringsOf(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value]
  else if (Array.isArray(value)) for (const [i, element] of value.entries()) yield* stringsOf(element, `${path}[${i}]`)
  else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, element] of Object.entries(value)) yield* stringsOf(element, `${path}.${key}`)
  }
}

// Resolves to the paths of result strings PostgreSQL would refuse, holding a NUL or a lone surrogate
// (none, for a good stage), or to the
// ParseError's code; anything else thrown fails the property.
async function outcomeOf(body: Buffer, contentType: string | null): Promise<string[] | string> {
  try {
    const result = await readStage(body, contentType)
    return [...stringsOf(result)].filter(([, text]) => text.includes('\u0000') || !text.isWellFormed()).map(([path]) => path)
  } catch (err: unknown) {
    if (err instanceof ParseError) return err.code
    throw err
  }
}

const contentType = fc.oneof(
  fc.constantFrom(null, 'application/xml', 'application/rss+xml; charset=utf-8', 'application/atom+xml', 'text/html',
    'application/json', 'application/feed+json', 'text/xml; charset=iso-8859-1', 'text/xml; charset="utf-16"', 'text/xml; charset=utf-7'),
  fc.string({ maxLength: 40 }),
)

// Text as careless or hostile publishers write it: any code units (NULs, C0 and C1 controls,
// unpaired surrogates, U+FFFE), stray markup, references to entities declared or not.
const codeUnit = fc.oneof(
  fc.nat(0xffff).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085', '\u0092', '\ufeff', '\ufffe', '\ud800', '\r', '\t', ' '),
)
const fragment = fc.constantFrom(
  '<', '>', '&', '&amp;', '&lt;b&gt;', '&e;', '&ext;', '&undeclared;', '&nbsp;', '&#0;', '&#x0;', '&#65;', '&#x110000;', '&#X41;',
  '<b>', '</b>', '<br/>', '<p>', '</p>', '<![CDATA[', ']]>', '<!--', '-->', '<script>alert(1)</script>', '<img src="x" onerror="y">',
  '<a href="javascript:alert(1)">', '</a>', '"', "'", '\n', '<div xmlns="http://www.w3.org/1999/xhtml">', '</div>', '<?pi x?>',
  '<title>', '</title>', '<item>', '</item>', '<entry>', '</entry>', ' | Site', 'Kicker: ', '…', 'Read more »', 'cookies accept',
)
const rawText = fc.array(fc.oneof(fc.string({ unit: codeUnit, maxLength: 10 }), fragment), { maxLength: 10 }).map((parts) => parts.join(''))
const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
// An element's content: as it comes (often malformed), escaped, or in a CDATA section.
const content = fc.oneof(rawText, rawText.map(escape), rawText.map((text) => `<![CDATA[${text}]]>`))
const attribute = fc.oneof(rawText.map(escape), rawText.map((text) => text.replace(/"/g, '')))
const link = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('/relative/path', '//other.example/x', 'javascript:alert(1)', 'data:text/html,x', 'http://[::1', 'https://a.example/\u0000', ''),
  rawText,
)
const date = fc.oneof(
  fc.date({ noInvalidDate: true }).map((instant) => instant.toUTCString()),
  fc.date({ noInvalidDate: true }).map((instant) => instant.toISOString()),
  fc.constantFrom('Mon, 31 Feb 2024 25:61:00 +9999', '0000-00-00', '99999-01-01T00:00:00Z', 'yesterday', '2024-05-06 10:00 CEST'),
  rawText,
)

// Where the fields go: in order, or wrapped in odd nesting (an item in an item, an unclosed wrapper).
const nesting = fc.constantFrom(
  (inner: string) => inner,
  (inner: string) => `<item>${inner}</item>`,
  (inner: string) => `<channel>${inner}`,
  (inner: string) => `<entry><title>t</title>${inner}</entry>`,
  (inner: string) => `<div>${inner}`,
)
const rssItem = fc.tuple(content, link, content, date, content, content, content, attribute, nesting).map(
  ([title, url, guid, published, description, encoded, author, enclosure, nest]) => `<item>${nest(
    `<title>${title}</title><link>${escape(url)}</link><guid isPermaLink="false">${guid}</guid><pubDate>${published}</pubDate>`
    + `<description>${description}</description><content:encoded>${encoded}</content:encoded><author>${author}</author>`
    + `<dc:creator>${author}</dc:creator><enclosure url="${enclosure}" length="${enclosure}" type="audio/mpeg"/>`,
  )}</item>`,
)
const atomEntry = fc.tuple(content, attribute, content, date, content, rawText, content, content, nesting).map(
  ([title, url, id, updated, summary, xhtml, name, email, nest]) => `<entry>${nest(
    `<title type="html">${title}</title><link rel="alternate" href="${url}"/><id>${id}</id><updated>${updated}</updated>`
    + `<summary type="html">${summary}</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${xhtml}</div></content>`
    + `<author><name>${name}</name><email>${email}</email></author>`,
  )}</entry>`,
)
const doctype = fc.oneof(
  fc.constant(''),
  attribute.map((value) => `<!DOCTYPE rss [<!ENTITY e "${value}"><!ENTITY ext SYSTEM "file:///etc/passwd">]>`),
  rawText.map((subset) => `<!DOCTYPE rss [${subset}]>`),
)
const declaration = fc.constantFrom('', '<?xml version="1.0"?>', '<?xml version="1.0" encoding="iso-8859-1"?>', '<?xml version="1.0" encoding="utf-16"?>', '<?xml encoding="bogus"?>')
const rss = fc.tuple(declaration, doctype, content, link, fc.array(rssItem, { maxLength: 4 })).map(([head, dtd, title, url, items]) =>
  `${head}${dtd}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">`
  + `<channel><title>${title}</title><link>${escape(url)}</link>${items.join('')}</channel></rss>`)
const atom = fc.tuple(declaration, doctype, content, attribute, fc.array(atomEntry, { maxLength: 4 })).map(([head, dtd, title, url, entries]) =>
  `${head}${dtd}<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${url}"><title>${title}</title>${entries.join('')}</feed>`)
const jsonValue = fc.oneof(fc.string({ unit: codeUnit, maxLength: 24 }), rawText, link, date, fc.integer(), fc.constant(null), fc.array(rawText, { maxLength: 2 }))
const jsonItem = fc.record({
  id: jsonValue, url: jsonValue, title: jsonValue, content_html: jsonValue, content_text: jsonValue, summary: jsonValue,
  date_published: jsonValue, authors: fc.oneof(jsonValue, fc.array(fc.record({ name: jsonValue, url: jsonValue }), { maxLength: 2 })),
}, { requiredKeys: [] })
const jsonFeed = fc.record({
  version: fc.constantFrom('https://jsonfeed.org/version/1.1', 'https://jsonfeed.org/version/1', 'x'),
  title: jsonValue, home_page_url: jsonValue, items: fc.oneof(fc.array(jsonItem, { maxLength: 4 }), jsonValue),
}).map((feed) => JSON.stringify(feed))
// The same document in the byte forms a server may send.
const encode = fc.constantFrom(
  (text: string) => Buffer.from(text, 'utf8'),
  (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le'),
  (text: string) => Buffer.from(text, 'latin1'),
)
const nearFeed = fc.tuple(fc.oneof(rss, atom, jsonFeed), encode).map(([text, toBytes]) => toBytes(text))

describe('the parse stage, fuzzed', () => {
  test('arbitrary bytes: items without NUL, or a ParseError', async () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.tuple(fc.constantFrom('<rss><channel><item><title>', '<feed><entry><title>', '{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"'), fc.uint8Array({ maxLength: 300 }))
      .map(([head, tail]) => Buffer.concat([Buffer.from(head), tail])))
    await fc.assert(fc.asyncProperty(bytes, contentType, async (body, type) => {
      const outcome = await outcomeOf(Buffer.from(body), type)
      if (typeof outcome !== 'string') expect(outcome).toEqual([])
    }), { numRuns: RUNS })
  })

  test('RSS, Atom and JSON Feed documents with arbitrary text, dates, links and nesting: items without NUL, or a ParseError', async () => {
    await fc.assert(fc.asyncProperty(nearFeed, contentType, async (body, type) => {
      const outcome = await outcomeOf(body, type)
      if (typeof outcome !== 'string') expect(outcome).toEqual([])
    }), { numRuns: RUNS })
  })
})
