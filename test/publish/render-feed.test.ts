import fc from 'fast-check'
import Parser from 'rss-parser'
import { describe, expect, it } from 'vitest'
import type { EntrySource, StoryEntry } from '../../src/model/index.js'
import { CONTENT_TYPES, PublishError, renderFeed } from '../../src/publish/index.js'
import type { PublishInput } from '../../src/publish/index.js'

const HOUR = 3_600_000
const T0 = new Date('2024-03-01T10:00:00.000Z')
const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR)

const SELF_URL = 'https://tributary.example/collections/tech/feed.atom?limit=50'
const HTML_URL = 'https://tributary.example/collections/tech'
const NEXT_URL = 'https://tributary.example/collections/tech/feed.atom?before=abc&limit=50'
const FIRST_URL = 'https://tributary.example/collections/tech/feed.atom?limit=50'
const PREVIOUS_URL = 'https://tributary.example/collections/tech/feed.atom?after=xyz&limit=50'
const HUB_URL = 'https://hub.example/websub?id=1&x=2'
const ICON_URL = 'https://tributary.example/icon.png?v=1&size=64'

// Characters XML 1.0 cannot carry, plus the discouraged DEL/C1 range, plus lone surrogates.
const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const FEED_A: EntrySource = {
  feedId: 1,
  title: 'Feed A',
  feedUrl: 'https://a.example/feed.xml',
  siteUrl: 'https://a.example/',
  itemUrl: 'https://a.example/post/1',
}
const FEED_B: EntrySource = {
  feedId: 2,
  title: 'Feed B & Co',
  feedUrl: 'https://b.example/rss?format=xml&full=1',
  siteUrl: 'https://b.example/',
  itemUrl: 'https://b.example/p/9',
}
const FEED_C: EntrySource = {
  feedId: 3,
  title: null,
  feedUrl: 'https://c.example/atom',
  siteUrl: null,
  itemUrl: null,
}

function story(overrides: Partial<StoryEntry> & Pick<StoryEntry, 'id'>): StoryEntry {
  return {
    title: 'A story',
    url: null,
    author: null,
    summary: null,
    contentHtml: null,
    publishedAt: T0,
    updatedAt: T0,
    categories: [],
    enclosures: [],
    sources: [FEED_A],
    ...overrides,
  }
}

const MULTI_SOURCE = story({
  id: 'urn:uuid:11111111-1111-4111-8111-111111111111',
  title: 'Two feeds, one story',
  url: 'https://a.example/post/1',
  author: 'Ada &amp; Grace',
  summary: 'Short <summary> & more',
  contentHtml: '<p>Fish &amp; chips &lt;3 <a href="https://a.example/?a=1&amp;b=2">link</a></p>',
  publishedAt: at(5),
  updatedAt: at(6),
  categories: ['news', 'R&D <lab>'],
  sources: [FEED_A, FEED_B, FEED_C],
})
const PODCAST = story({
  id: 'urn:uuid:22222222-2222-4222-8222-222222222222',
  title: 'Episode 1',
  url: 'https://b.example/ep/1',
  contentHtml: '<p>Show notes</p>',
  publishedAt: at(4),
  updatedAt: at(4),
  enclosures: [
    { url: 'https://cdn.example/ep1.mp3', type: 'audio/mpeg', length: 12_345_678 },
    { url: 'https://cdn.example/ep1.ogg', type: 'audio/ogg; codecs=vorbis', length: null },
  ],
  sources: [FEED_B],
})
// An item the feed gave no date: the store keeps its first-seen time in both fields.
const UNDATED = story({
  id: 'urn:uuid:33333333-3333-4333-8333-333333333333',
  title: 'No date, no link, no content',
  publishedAt: at(3),
  updatedAt: at(3),
  sources: [FEED_C],
})
const CONTROL_CHARS = story({
  id: 'urn:uuid:44444444-4444-4444-8444-444444444444',
  title: 'Bell\u0007 and \u0000null, \u0085NEL, 🎉 emoji, lone \uD800 surrogate',
  url: 'https://a.example/post/4',
  contentHtml: '<p>two ]]> CDATA ]]> ends</p>',
  summary: 'tab\tand form\ffeed',
  publishedAt: at(2),
  updatedAt: at(2),
})
const BAD_URLS = story({
  id: 'urn:uuid:55555555-5555-4555-8555-555555555555',
  title: 'Relative links everywhere',
  url: '/post/5',
  enclosures: [{ url: 'media/5.mp3', type: 'audio/mpeg', length: 1 }],
  sources: [
    { feedId: 9, title: 'Broken', feedUrl: 'feed.xml', siteUrl: null, itemUrl: null },
    { ...FEED_A, itemUrl: 'javascript:alert(1)', siteUrl: 'not a url' },
  ],
  publishedAt: at(1),
  updatedAt: at(1),
})
const BAD_ID = story({ id: 'not a urn at all', title: 'Never rendered' })

const ENTRIES = [MULTI_SOURCE, PODCAST, UNDATED, CONTROL_CHARS, BAD_URLS, BAD_ID]
const RENDERED = ENTRIES.filter((entry) => entry !== BAD_ID)

function input(overrides: Partial<PublishInput> = {}): PublishInput {
  return {
    collection: { name: 'tech', title: 'Tech & Science', description: 'Merged <tech> feeds' },
    entries: ENTRIES,
    selfUrl: SELF_URL,
    htmlUrl: HTML_URL,
    firstUrl: FIRST_URL,
    previousUrl: PREVIOUS_URL,
    nextUrl: NEXT_URL,
    hubUrl: null,
    iconUrl: null,
    stylesheetUrl: null,
    updatedAt: at(10),
    generator: 'Tributary 0.1.0',
    ...overrides,
  }
}

type Raw = { $?: Record<string, string>; _?: string }
interface ItemExtras {
  links?: Raw[]
  sources?: Raw[]
  atomCategories?: Raw[]
  atomLinks?: Raw[]
  updated?: string
  id?: string
  author?: string
}
const parser = new Parser<Record<string, unknown>, ItemExtras>({
  customFields: {
    item: [
      ['link', 'links', { keepArray: true }],
      ['source', 'sources', { keepArray: true }],
      ['category', 'atomCategories', { keepArray: true }],
      ['atom:link', 'atomLinks', { keepArray: true }],
      'updated',
    ],
  },
})

const decodeHtml = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#13;/g, '\r')
    .replace(/&amp;/g, '&')

const EXPECTED_TITLES = [
  'Two feeds, one story',
  'Episode 1',
  'No date, no link, no content',
  'Bell and null, NEL, 🎉 emoji, lone  surrogate',
  'Relative links everywhere',
]

describe('renderFeed: Atom 1.0', () => {
  const xml = renderFeed('atom', input())

  it('is well-formed and free of characters XML cannot carry', async () => {
    expect(xml).not.toMatch(INVALID_XML_CHAR)
    await expect(parser.parseString(xml)).resolves.toBeDefined()
  })

  it('renders every valid entry in the given order with its id, title, link and dates', async () => {
    const feed = await parser.parseString(xml)
    expect(feed.items.map((item) => item.id)).toEqual(RENDERED.map((entry) => entry.id))
    expect(feed.items.map((item) => decodeHtml(item.title ?? ''))).toEqual(EXPECTED_TITLES)
    expect(feed.items.map((item) => item.link)).toEqual([
      'https://a.example/post/1',
      'https://b.example/ep/1',
      // No URL of its own: its representative feed has no site either, so the collection page.
      HTML_URL,
      'https://a.example/post/4',
      // The relative URL is dropped; the only usable source has no usable item or site URL.
      HTML_URL,
    ])
    expect(feed.items.map((item) => item.isoDate)).toEqual(
      RENDERED.map((entry) => entry.publishedAt.toISOString()),
    )
    expect(feed.items.map((item) => item.updated)).toEqual(
      RENDERED.map((entry) => entry.updatedAt.toISOString()),
    )
  })

  it('carries content as HTML and the plain-text summary escaped', async () => {
    const [first, , undated, controls] = (await parser.parseString(xml)).items
    expect(first?.content).toBe(MULTI_SOURCE.contentHtml)
    expect(first?.summary).toBe('Short &lt;summary&gt; &amp; more')
    expect(first?.author).toBe('Ada &amp; Grace')
    expect(undated?.content).toBeUndefined()
    expect(controls?.content).toBe('<p>two ]]&gt; CDATA ]]&gt; ends</p>')
    expect(xml).toContain('<content type="html">')
  })

  it('names the representative feed in <source> and every other feed as rel="via"', async () => {
    const [first, , undated, , badUrls] = (await parser.parseString(xml)).items
    expect(first?.sources).toHaveLength(1)
    expect(first?.sources?.[0]).toEqual({
      id: ['https://a.example/feed.xml'],
      title: ['Feed A'],
      link: [
        { $: { rel: 'self', href: 'https://a.example/feed.xml' } },
        { $: { rel: 'alternate', href: 'https://a.example/' } },
      ],
    })
    const via = first?.links?.filter((link) => link.$?.rel === 'via').map((link) => link.$)
    expect(via).toEqual([
      { rel: 'via', href: 'https://b.example/p/9', title: 'Feed B & Co' },
      { rel: 'via', href: 'https://c.example/atom' },
    ])
    expect(undated?.sources?.[0]).toEqual({
      id: ['https://c.example/atom'],
      link: [{ $: { rel: 'self', href: 'https://c.example/atom' } }],
    })
    // The representative's feed URL is relative: no <source>, but the other feed is still named.
    expect(badUrls?.sources).toBeUndefined()
    expect(badUrls?.links?.filter((link) => link.$?.rel === 'via').map((link) => link.$?.href)).toEqual([
      'https://a.example/feed.xml',
    ])
  })

  it('writes categories with a term and enclosures with the declared type', async () => {
    const [first, podcast, , , badUrls] = (await parser.parseString(xml)).items
    expect(first?.atomCategories?.map((category) => category.$)).toEqual([
      { term: 'news' },
      { term: 'R&D <lab>' },
    ])
    expect(podcast?.links?.filter((link) => link.$?.rel === 'enclosure').map((link) => link.$)).toEqual([
      { rel: 'enclosure', type: 'audio/mpeg', length: '12345678', href: 'https://cdn.example/ep1.mp3' },
      { rel: 'enclosure', type: 'audio/ogg', href: 'https://cdn.example/ep1.ogg' },
    ])
    expect(badUrls?.links?.some((link) => link.$?.rel === 'enclosure')).toBe(false)
    expect(xml).not.toContain('image/mp3')
  })

  it('has self, alternate and RFC 5005 first, previous and next links, a stable id and the given updated time', async () => {
    const feed = await parser.parseString(xml)
    expect(feed.feedUrl).toBe(SELF_URL)
    expect(feed.link).toBe(HTML_URL)
    expect(feed.title).toBe('Tech & Science')
    expect(feed.lastBuildDate).toBe(at(10).toISOString())
    expect(xml).toContain([
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      `    <link rel="first" href="${FIRST_URL}"/>`,
      `    <link rel="previous" href="${PREVIOUS_URL.replace('&', '&amp;')}"/>`,
      `    <link rel="next" href="${NEXT_URL.replace('&', '&amp;')}"/>`,
      '    <id>https://tributary.example/collections/tech/feed.atom</id>',
    ].join('\n'))
    expect(xml).toContain('<generator>Tributary 0.1.0</generator>')
  })

  it('names Tributary as the generator when none is given', () => {
    const { generator: _generator, ...withoutGenerator } = input()
    expect(renderFeed('atom', withoutGenerator)).toContain('<generator>Tributary</generator>')
    expect(renderFeed('rss', withoutGenerator)).toContain('<generator>Tributary</generator>')
  })

  it('leaves the next link out on the last page, and the previous link on the first', () => {
    expect(renderFeed('atom', input({ nextUrl: null }))).not.toContain('rel="next"')
    const first = renderFeed('atom', input({ selfUrl: FIRST_URL, previousUrl: null }))
    expect(first.match(/<link rel="(first|previous|next)"/g)).toEqual(['<link rel="first"', '<link rel="next"'])
  })
})

describe('renderFeed: RSS 2.0', () => {
  const xml = renderFeed('rss', input())

  it('is well-formed and free of characters XML cannot carry', async () => {
    expect(xml).not.toMatch(INVALID_XML_CHAR)
    await expect(parser.parseString(xml)).resolves.toBeDefined()
  })

  it('renders every valid entry with a non-permalink guid, title, link and date', async () => {
    const feed = await parser.parseString(xml)
    expect(feed.items.map((item) => item.guid)).toEqual(RENDERED.map((entry) => entry.id))
    expect(xml.match(/<guid isPermaLink="false">/g)).toHaveLength(RENDERED.length)
    expect(feed.items.map((item) => item.title)).toEqual(EXPECTED_TITLES)
    expect(feed.items.map((item) => item.link)).toEqual([
      'https://a.example/post/1',
      'https://b.example/ep/1',
      undefined,
      'https://a.example/post/4',
      undefined,
    ])
    expect(feed.items.map((item) => item.isoDate)).toEqual(
      RENDERED.map((entry) => entry.publishedAt.toISOString()),
    )
  })

  it('puts content in the description, a summary when there is no content, and the author in dc:creator', async () => {
    const [first, , undated, controls] = (await parser.parseString(xml)).items
    expect(first?.content).toBe(MULTI_SOURCE.contentHtml)
    expect(first?.creator).toBe('Ada &amp; Grace')
    expect(undated?.content).toBeUndefined()
    expect(controls?.content).toBe('<p>two ]]&gt; CDATA ]]&gt; ends</p>')
    expect(xml).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"')
    expect(xml).not.toContain('<author>')
  })

  it('names the representative in <source url> and the other feeds as atom:link rel="via"', async () => {
    const [first, , undated, , badUrls] = (await parser.parseString(xml)).items
    expect(first?.sources).toEqual([{ _: 'Feed A', $: { url: 'https://a.example/feed.xml' } }])
    expect(first?.atomLinks?.map((link) => link.$)).toEqual([
      { rel: 'via', href: 'https://b.example/p/9', title: 'Feed B & Co' },
      { rel: 'via', href: 'https://c.example/atom' },
    ])
    // A source without a title is named by its URL (RSS 2.0: source text is the channel's name).
    expect(undated?.sources).toEqual([{ _: 'https://c.example/atom', $: { url: 'https://c.example/atom' } }])
    expect(badUrls?.sources).toBeUndefined()
  })

  it('keeps only the first enclosure, with its declared type and length', async () => {
    const [first, podcast] = (await parser.parseString(xml)).items
    expect(podcast?.enclosure).toEqual({
      url: 'https://cdn.example/ep1.mp3',
      type: 'audio/mpeg',
      length: '12345678',
    })
    expect(xml.match(/<enclosure /g)).toHaveLength(1)
    expect(first?.categories).toEqual(['news', 'R&D <lab>'])
  })

  it('has self, first, previous and next atom:links and lastBuildDate from updatedAt', async () => {
    const feed = await parser.parseString(xml)
    // rss-parser reads HTML's "prev", not RFC 5005's "previous"; the string test below covers that one.
    expect(feed.paginationLinks).toEqual({ self: SELF_URL, first: FIRST_URL, next: NEXT_URL })
    expect(xml).toContain([
      '<channel>',
      `        <atom:link rel="first" href="${FIRST_URL}"/>`,
      `        <atom:link rel="previous" href="${PREVIOUS_URL.replace('&', '&amp;')}"/>`,
      `        <atom:link rel="next" href="${NEXT_URL.replace('&', '&amp;')}"/>`,
    ].join('\n'))
    expect(feed.link).toBe(HTML_URL)
    expect(feed.title).toBe('Tech & Science')
    expect(feed.description).toBe('Merged <tech> feeds')
    expect(xml).toContain(`<lastBuildDate>${at(10).toUTCString()}</lastBuildDate>`)
  })
})

describe('renderFeed: JSON Feed 1.1', () => {
  const doc = JSON.parse(renderFeed('json', input())) as Record<string, unknown> & {
    items: Record<string, unknown>[]
  }

  it('writes the 1.1 top level with paging, first and previous pages in the _tributary extension', () => {
    expect({ ...doc, items: undefined }).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Tech & Science',
      home_page_url: HTML_URL,
      feed_url: SELF_URL,
      description: 'Merged <tech> feeds',
      next_url: NEXT_URL,
      _tributary: { first_url: FIRST_URL, previous_url: PREVIOUS_URL },
      items: undefined,
    })
    const onlyPage = JSON.parse(renderFeed('json', input({ nextUrl: null, previousUrl: null }))) as Record<string, unknown>
    expect(onlyPage).not.toHaveProperty('next_url')
    expect(onlyPage._tributary).toEqual({ first_url: FIRST_URL })
  })

  it('writes every field of an item exactly', () => {
    expect(doc.items).toHaveLength(RENDERED.length)
    expect(doc.items[0]).toEqual({
      id: MULTI_SOURCE.id,
      url: 'https://a.example/post/1',
      title: 'Two feeds, one story',
      content_html: MULTI_SOURCE.contentHtml,
      summary: 'Short <summary> & more',
      date_published: '2024-03-01T15:00:00.000Z',
      date_modified: '2024-03-01T16:00:00.000Z',
      authors: [{ name: 'Ada &amp; Grace' }],
      tags: ['news', 'R&D <lab>'],
      _tributary: {
        sources: [
          {
            feed_url: 'https://a.example/feed.xml',
            title: 'Feed A',
            home_page_url: 'https://a.example/',
            url: 'https://a.example/post/1',
          },
          {
            feed_url: 'https://b.example/rss?format=xml&full=1',
            title: 'Feed B & Co',
            home_page_url: 'https://b.example/',
            url: 'https://b.example/p/9',
          },
          { feed_url: 'https://c.example/atom', title: null, home_page_url: null, url: null },
        ],
      },
    })
  })

  it('writes attachments with a MIME type each and a text body when there is no HTML', () => {
    expect(doc.items[1]?.attachments).toEqual([
      { url: 'https://cdn.example/ep1.mp3', mime_type: 'audio/mpeg', size_in_bytes: 12_345_678 },
      { url: 'https://cdn.example/ep1.ogg', mime_type: 'audio/ogg' },
    ])
    expect(doc.items[2]).toEqual({
      id: UNDATED.id,
      title: 'No date, no link, no content',
      content_text: '',
      date_published: '2024-03-01T13:00:00.000Z',
      date_modified: '2024-03-01T13:00:00.000Z',
      _tributary: {
        sources: [{ feed_url: 'https://c.example/atom', title: null, home_page_url: null, url: null }],
      },
    })
  })

  it('drops unusable URLs and characters XML cannot carry, like the XML formats', () => {
    expect(doc.items[3]?.title).toBe(EXPECTED_TITLES[3])
    expect(doc.items[3]?.summary).toBe('tab\tand formfeed')
    expect(doc.items[4]).not.toHaveProperty('url')
    expect(doc.items[4]).not.toHaveProperty('attachments')
    expect(doc.items[4]?._tributary).toEqual({
      sources: [{ feed_url: 'https://a.example/feed.xml', title: 'Feed A', home_page_url: null, url: null }],
    })
  })
})

describe('renderFeed: hub, icon and stylesheet', () => {
  const withAll = input({ hubUrl: HUB_URL, iconUrl: ICON_URL, stylesheetUrl: '../../feed.xsl?v=1&x' })

  it('puts the xml-stylesheet instruction right after the XML declaration of RSS and Atom', () => {
    for (const [format, root] of [['atom', '<feed'], ['rss', '<rss']] as const) {
      // feed's XML writer (xml-js) puts the instruction on the declaration's line.
      expect(renderFeed(format, withAll).split('\n').slice(0, 2)).toEqual([
        '<?xml version="1.0" encoding="utf-8"?><?xml-stylesheet href="../../feed.xsl?v=1&amp;x" type="text/xsl"?>',
        expect.stringMatching(new RegExp(`^${root} `)),
      ])
      expect(renderFeed(format, input())).not.toContain('<?xml-stylesheet')
    }
  })

  it('writes the hub and icon in Atom', async () => {
    const xml = renderFeed('atom', withAll)
    await expect(parser.parseString(xml)).resolves.toBeDefined()
    expect(xml).toContain('    <link rel="hub" href="https://hub.example/websub?id=1&amp;x=2"/>\n')
    expect(xml).toContain('    <icon>https://tributary.example/icon.png?v=1&amp;size=64</icon>\n')
    expect(xml).not.toContain('<logo>')
    const plain = renderFeed('atom', input())
    expect(plain).not.toContain('rel="hub"')
    expect(plain).not.toContain('<icon>')
  })

  it('writes the hub as atom:link and the icon as the channel image in RSS', async () => {
    const xml = renderFeed('rss', withAll)
    const feed = await parser.parseString(xml)
    expect(feed.image).toEqual({ url: 'https://tributary.example/icon.png?v=1&size=64', title: 'Tech & Science', link: HTML_URL })
    expect(xml).toContain('<atom:link href="https://hub.example/websub?id=1&amp;x=2" rel="hub"/>')
    const plain = renderFeed('rss', input())
    expect(plain).not.toContain('rel="hub"')
    expect(plain).not.toContain('<image>')
  })

  it('writes hubs, icon and favicon in JSON Feed', () => {
    const doc = JSON.parse(renderFeed('json', withAll)) as Record<string, unknown>
    expect(doc.hubs).toEqual([{ type: 'WebSub', url: HUB_URL }])
    expect([doc.icon, doc.favicon]).toEqual([ICON_URL, ICON_URL])
    const plain = JSON.parse(renderFeed('json', input())) as Record<string, unknown>
    expect(Object.keys(plain)).toEqual(['version', 'title', 'home_page_url', 'feed_url', 'description', 'next_url', '_tributary', 'items'])
  })
})

describe('renderFeed: input handling', () => {
  it.each([
    ['selfUrl', { selfUrl: '/collections/tech/feed.atom' }],
    ['htmlUrl', { htmlUrl: 'javascript:alert(1)' }],
    ['nextUrl', { nextUrl: '?before=abc' }],
    ['firstUrl', { firstUrl: 'feed.atom' }],
    ['previousUrl', { previousUrl: 'ftp://tributary.example/feed.atom' }],
    ['hubUrl', { hubUrl: '//hub.example/' }],
    ['iconUrl', { iconUrl: 'data:image/png;base64,AAAA' }],
    ['stylesheetUrl', { stylesheetUrl: 'javascript:alert(1)' }],
    ['stylesheetUrl', { stylesheetUrl: '../feed.xsl" type="text/css' }],
    ['stylesheetUrl', { stylesheetUrl: 'feed.xsl?>' }],
    ['updatedAt', { updatedAt: new Date(Number.NaN) }],
  ] as const)('throws PublishError for an invalid %s', (_field, overrides) => {
    for (const format of ['rss', 'atom', 'json'] as const) {
      expect(() => renderFeed(format, input(overrides))).toThrow(PublishError)
    }
  })

  it('leaves out an entry with an invalid date or a repeated id instead of throwing', async () => {
    const entries = [
      story({ id: 'urn:uuid:66666666-6666-4666-8666-666666666666', publishedAt: new Date(Number.NaN), updatedAt: new Date(Number.NaN) }),
      story({ id: 'urn:uuid:77777777-7777-4777-8777-777777777777', title: 'first copy' }),
      story({ id: 'urn:uuid:77777777-7777-4777-8777-777777777777', title: 'second copy' }),
      story({ id: 'urn:uuid:88888888-8888-4888-8888-888888888888', publishedAt: new Date(Number.NaN), updatedAt: at(7) }),
    ]
    const feed = await parser.parseString(renderFeed('atom', input({ entries })))
    expect(feed.items.map((item) => [item.id, decodeHtml(item.title ?? ''), item.isoDate])).toEqual([
      ['urn:uuid:77777777-7777-4777-8777-777777777777', 'first copy', T0.toISOString()],
      // An invalid published date falls back to the updated one.
      ['urn:uuid:88888888-8888-4888-8888-888888888888', 'A story', at(7).toISOString()],
    ])
  })

  it('renders an empty collection in every format', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const feed = await parser.parseString(renderFeed(format, input({ entries: [] })))
      expect(feed.items).toEqual([])
    }
    expect(JSON.parse(renderFeed('json', input({ entries: [] })))).toMatchObject({ items: [] })
  })

  it('maps each format to its media type', () => {
    expect(CONTENT_TYPES).toEqual({
      rss: 'application/rss+xml; charset=utf-8',
      atom: 'application/atom+xml; charset=utf-8',
      json: 'application/feed+json; charset=utf-8',
    })
  })
})

describe('renderFeed: any text survives every format', () => {
  // Full Unicode including controls, lone surrogates, markup and CDATA terminators.
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(']]>', ']]>]]>', '</entry>', '</item>', '<![CDATA[x', '&amp;', '&lt;b&gt;', '"\'<>&'),
  )
  const clean = (value: string): string =>
    value.replace(/[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').trim()

  it('round-trips titles, categories and authors through RSS, Atom and JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 3 }), async (rows) => {
        const entries = rows.map(([title, category, author], index) =>
          story({
            id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
            title,
            author,
            categories: [category],
            contentHtml: `<p>${title}</p>`,
            sources: [{ ...FEED_A, title: author }],
          }),
        )
        const expectedTitles = rows.map(([title]) => clean(title) || '(untitled)')
        const rss = renderFeed('rss', input({ entries }))
        const atom = renderFeed('atom', input({ entries }))
        expect(rss).not.toMatch(INVALID_XML_CHAR)
        expect(atom).not.toMatch(INVALID_XML_CHAR)
        const rssItems = (await parser.parseString(rss)).items
        const atomItems = (await parser.parseString(atom)).items
        const jsonItems = (JSON.parse(renderFeed('json', input({ entries }))) as { items: { title: string }[] })
          .items
        expect(rssItems.map((item) => item.title)).toEqual(expectedTitles)
        expect(atomItems.map((item) => decodeHtml(item.title ?? ''))).toEqual(expectedTitles)
        expect(jsonItems.map((item) => item.title)).toEqual(expectedTitles)
        expect(rssItems.map((item) => item.creator ?? null)).toEqual(rows.map(([, , author]) => clean(author) || null))
        expect(atomItems.map((item) => item.atomCategories?.[0]?.$?.term ?? null)).toEqual(
          rows.map(([, category]) => clean(category) || null),
        )
      }),
      { numRuns: 60 },
    )
  })
})
