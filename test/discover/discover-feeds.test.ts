import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { discoverFeeds } from '../../src/discover/index.js'
import { sharedPath } from '../helpers/shared-data.js'

const CORPUS = sharedPath('corpus')
const FEEDFINDER = path.join(CORPUS, 'feedvalidator/feedfinder-tests')
const SUITE_URL = 'http://diveintomark.org/tests/client/autodiscovery/'
// html4-047…052 link to copies on a second host, stored under ragingplatypus/.
const MIRROR_URL = 'http://www.ragingplatypus.com/tests/client/autodiscovery/'
// The pages are a Wayback Machine capture, which rewrote absolute links (and base hrefs) to point
// into the archive; unwrapping gives the URL the original page named.
const WAYBACK_PREFIX = /^https:\/\/web\.archive\.org\/web\/\d+\//

// Decodes by BOM, as the fetch stage's charset sniffing would: html4-057 is UTF-16LE.
function decodeHtml(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  return new TextDecoder('utf-8').decode(bytes)
}

// The feed each page must yield is the one the suite stores for it: html4-NNN.xml next to the page,
// or else the mirror's copy. Where both exist (051, 052) the mirror's is the trap.
function expectedFeed(name: string): { url: string; file: string } {
  const local = path.join(FEEDFINDER, `${name}.xml`)
  if (existsSync(local)) return { url: `${SUITE_URL}${name}.xml`, file: local }
  return { url: `${MIRROR_URL}${name}.xml`, file: path.join(FEEDFINDER, 'ragingplatypus', `${name}.xml`) }
}

const FEEDFINDER_PAGES = readdirSync(FEEDFINDER)
  .filter((file) => /^html4-\d{3}\.html$/.test(file))
  .sort()
  .map((file) => {
    const name = file.slice(0, -'.html'.length)
    const html = decodeHtml(readFileSync(path.join(FEEDFINDER, file)))
    const description = /<p>([^<]*)<\/p>/.exec(html)?.[1] ?? ''
    return { name, description, html }
  })

describe('discoverFeeds: feedfinder autodiscovery suite', () => {
  it('reads all 57 pages of the suite', () => {
    expect(FEEDFINDER_PAGES).toHaveLength(57)
  })

  it.each(FEEDFINDER_PAGES)('$name: $description', ({ name, html }) => {
    const pageUrl = `${SUITE_URL}${name}.html`
    const feeds = discoverFeeds(html, pageUrl)
    const expected = expectedFeed(name)
    // The suite fails a client that finds more than one feed.
    expect(feeds.map((feed) => ({ url: feed.url.replace(WAYBACK_PREFIX, ''), type: feed.type }))).toEqual([
      { url: expected.url, type: 'atom' },
    ])
    // …and passes it once the feed it found links back to the page it started from.
    expect(readFileSync(expected.file, 'utf8')).toContain(`<link rel="alternate" type="text/html" href="${pageUrl}"/>`)
  })

  it('finds nothing on the index page, whose only alternate is a text/html translation', () => {
    const html = readFileSync(path.join(FEEDFINDER, 'index.html'), 'utf8')
    expect(discoverFeeds(html, `${SUITE_URL}index.html`)).toEqual([])
  })
})

describe("discoverFeeds: Firefox's discovery tests (simplepie/tests/data/fftests.html)", () => {
  it('finds the 13 feeds in document order and none of the Bogus links, as SimplePie asserts', () => {
    const html = readFileSync(path.join(CORPUS, 'simplepie/tests/data/fftests.html'), 'utf8')
    const feeds = discoverFeeds(html, 'http://example.com/')
    // Each feed's title is its number; the types follow from rel and type (rel="feed" has none).
    const expected = [
      ['1', 'atom', '1.atom'],
      ['2', 'rss', '2.rss'],
      ['3', 'unknown', '3.xml'],
      ['4', 'atom', '4.atom'],
      ['5', 'atom', '5.atom'],
      ['6', 'atom', '6.atom'],
      ['7', 'atom', '7.atom'],
      ['8', 'unknown', '8.atom'],
      ['9', 'atom', '9.atom'],
      ['10', 'unknown', '10.atom'],
      ['11', 'atom', '11.atom'],
      ['12', 'atom', '12.atom'],
      ['13', 'unknown', '13.atom'],
    ]
    expect(feeds).toEqual(expected.map(([title, type, file]) => ({ url: `http://example.com/${file}`, type, title })))
  })

  it.each(['h-feed-simple.html', 'h-feed-with-comments.html'])('finds no <link> feed in microformats page %s', (file) => {
    const html = readFileSync(path.join(CORPUS, 'simplepie/tests/data/microformats', file), 'utf8')
    expect(discoverFeeds(html, 'http://example.com/')).toEqual([])
  })
})

describe('discoverFeeds: inline cases', () => {
  const PAGE = 'https://blog.example.org/posts/hello.html'

  it.each([
    [
      'a JSON Feed 1.1 link',
      '<link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json">',
      [{ url: 'https://blog.example.org/feed.json', type: 'json', title: 'JSON' }],
    ],
    [
      'a JSON Feed 1.0 link (application/json)',
      '<link rel="alternate" type="application/json" href="feed.json">',
      [{ url: 'https://blog.example.org/posts/feed.json', type: 'json', title: null }],
    ],
    [
      'a relative href, resolved against the page',
      '<link rel="alternate" type="application/rss+xml" href="../rss.xml">',
      [{ url: 'https://blog.example.org/rss.xml', type: 'rss', title: null }],
    ],
    [
      'a protocol-relative href',
      '<link rel="alternate" type="application/atom+xml" href="//feeds.example.net/atom">',
      [{ url: 'https://feeds.example.net/atom', type: 'atom', title: null }],
    ],
    [
      'a relative base href, resolved against the page, then the link against it',
      '<base href="/feeds/"><link rel="alternate" type="application/rss+xml" href="main.xml">',
      [{ url: 'https://blog.example.org/feeds/main.xml', type: 'rss', title: null }],
    ],
    [
      'only the first base href',
      '<base href="https://a.example/"><base href="https://b.example/"><link rel=alternate type=application/rss+xml href=rss>',
      [{ url: 'https://a.example/rss', type: 'rss', title: null }],
    ],
    [
      'a base without href, which is no base',
      '<base target="_blank"><base href="https://a.example/x/"><link rel=alternate type=application/rss+xml href=rss>',
      [{ url: 'https://a.example/x/rss', type: 'rss', title: null }],
    ],
    [
      'an unparseable base href, which falls back to the page URL',
      '<base href="http://[::1"><link rel=alternate type=application/rss+xml href=rss>',
      [{ url: 'https://blog.example.org/posts/rss', type: 'rss', title: null }],
    ],
    [
      'several feeds in document order, the first being the main one',
      `<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed/">
       <link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/">
       <link rel="alternate" type="application/atom+xml" title="Posts (Atom)" href="/feed/atom/">`,
      [
        { url: 'https://blog.example.org/feed/', type: 'rss', title: 'Posts' },
        { url: 'https://blog.example.org/comments/feed/', type: 'rss', title: 'Comments' },
        { url: 'https://blog.example.org/feed/atom/', type: 'atom', title: 'Posts (Atom)' },
      ],
    ],
    [
      'the same URL twice, kept once with its first title',
      `<link rel="alternate" type="application/rss+xml" title="One" href="/feed">
       <link rel="feed" title="Two" href="https://blog.example.org/feed">`,
      [{ url: 'https://blog.example.org/feed', type: 'rss', title: 'One' }],
    ],
    [
      'a link in <body>',
      `<html><head><title>t</title></head>
       <body><p><link rel="alternate" type="application/rss+xml" href="/body.xml"></p></body></html>`,
      [{ url: 'https://blog.example.org/body.xml', type: 'rss', title: null }],
    ],
    [
      'a type with parameters',
      '<link rel="alternate" type="application/rss+xml; charset=UTF-8" href="/rss">',
      [{ url: 'https://blog.example.org/rss', type: 'rss', title: null }],
    ],
    [
      'a title with entities and line breaks',
      '<link rel="alternate" type="application/rss+xml" title="  Tom &amp; Jerry\n\t&#8212; News " href="/rss">',
      [{ url: 'https://blog.example.org/rss', type: 'rss', title: 'Tom & Jerry — News' }],
    ],
    [
      'an href with an entity in its query',
      '<link rel="alternate" type="application/rss+xml" href="/index.php?feed=rss2&amp;cat=3">',
      [{ url: 'https://blog.example.org/index.php?feed=rss2&cat=3', type: 'rss', title: null }],
    ],
    [
      'a self-closing XHTML link',
      '<link rel="alternate" type="application/atom+xml" href="/atom.xml" />',
      [{ url: 'https://blog.example.org/atom.xml', type: 'atom', title: null }],
    ],
    [
      'a duplicated attribute, of which the first counts',
      '<link rel="alternate" type="application/rss+xml" href="/first" href="/second">',
      [{ url: 'https://blog.example.org/first', type: 'rss', title: null }],
    ],
  ] as const)('finds %s', (_name, html, expected) => {
    expect(discoverFeeds(html, PAGE)).toEqual(expected)
  })

  it.each([
    ['a page without links', '<!doctype html><html><head><title>Hello</title></head><body><p>Hi</p></body></html>'],
    ['an empty string', ''],
    ['a link inside a comment', '<!-- <link rel="alternate" type="application/rss+xml" href="/rss"> -->'],
    ['a link inside a script', '<script>document.write(\'<link rel="alternate" type="application/rss+xml" href="/rss">\')</script>'],
    ['a link inside the title', '<title><link rel="alternate" type="application/rss+xml" href="/rss"></title>'],
    ['an <a> with rel=alternate', '<a rel="alternate" type="application/rss+xml" href="/rss">RSS</a>'],
    ['an alternate without type', '<link rel="alternate" href="/rss">'],
    ['an alternate translation', '<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">'],
    ['an oEmbed link', '<link rel="alternate" type="application/json+oembed" href="/oembed?url=x">'],
    [
      "WordPress's REST API link",
      '<link rel="alternate" type="application/json" href="https://blog.example.org/wp-json/wp/v2/posts/1">',
    ],
    [
      "WordPress's REST API link without pretty permalinks",
      '<link rel="alternate" type="application/json" href="/?rest_route=/wp/v2/posts/1">',
    ],
    ['rel="feed" to an h-feed page', '<link rel="feed" type="text/html" href="/notes">'],
    ['an alternate with an empty href', '<link rel="alternate" type="application/rss+xml" href="  ">'],
    ['an alternate without href', '<link rel="alternate" type="application/rss+xml">'],
    ['a javascript: href', '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'],
    ['an ftp: href', '<link rel="alternate" type="application/rss+xml" href="ftp://example.org/rss">'],
    ['a data: href', '<link rel="alternate" type="application/rss+xml" href="data:text/xml,<rss/>">'],
    ['an unparseable href', '<link rel="alternate" type="application/rss+xml" href="http://[oops/rss">'],
    ['binary garbage', '\u0000\uffff<<<link rel=\u0000 href=></>>\ud800'],
    ['an unclosed tag at the end', '<link rel="alternate" type="application/rss+xml" href="/rss'],
  ])('finds no feed in %s', (_name, html) => {
    expect(discoverFeeds(html, PAGE)).toEqual([])
  })

  it('resolves only absolute hrefs when the page URL is not a URL', () => {
    const html = '<link rel="alternate" type="application/rss+xml" href="/relative"><link rel="feed" href="https://x.example/abs">'
    expect(discoverFeeds(html, 'not a url')).toEqual([{ url: 'https://x.example/abs', type: 'unknown', title: null }])
  })

  it('never throws and returns only unique absolute http(s) URLs, whatever the input', () => {
    const link = fc
      .record({
        rel: fc.constantFrom('alternate', 'ALTERNATE feed', 'feed', 'stylesheet alternate', ''),
        type: fc.constantFrom('application/rss+xml', 'application/json', 'text/xml', ''),
        href: fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('javascript:x', '/a', '../b', '?c', '#d')),
      })
      .map(({ rel, type, href }) => `<link rel="${rel}" type="${type}" href="${href.replaceAll('"', '&quot;')}">`)
    const html = fc.array(fc.oneof(link, fc.string(), fc.constantFrom('<base href="/x/">', '<!--', '<script>', '-->')), {
      maxLength: 12,
    })
    fc.assert(
      fc.property(html, fc.oneof(fc.webUrl(), fc.string()), (parts, pageUrl) => {
        const feeds = discoverFeeds(parts.join(''), pageUrl)
        const urls = feeds.map((feed) => feed.url)
        expect(new Set(urls).size).toBe(urls.length)
        for (const url of urls) expect(new URL(url).protocol).toMatch(/^https?:$/)
      }),
    )
  })
})
