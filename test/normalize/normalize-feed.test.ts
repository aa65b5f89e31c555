import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { Item, ParsedEntry, ParsedFeed } from '../../src/model/index.js'
import { normalizeFeed } from '../../src/normalize/index.js'
import type { NormalizedFeed } from '../../src/normalize/index.js'
import { parseFeed } from '../../src/parse/index.js'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const NOW = new Date('2024-06-01T00:00:00Z')

async function normalizeFixture(name: string, feedUrl: string): Promise<NormalizedFeed> {
  const parsed = await parseFeed(readFileSync(path.join(REPO_ROOT, 'test/fixtures/feeds', name)), { url: feedUrl, contentType: null })
  return normalizeFeed(parsed, { feedUrl, now: NOW })
}

const parsedEntry = (fields: Partial<ParsedEntry>): ParsedEntry => ({
  guid: null,
  guidIsPermaLink: null,
  link: null,
  links: [],
  title: null,
  titleIsHtml: true,
  authors: [],
  authorDetails: [],
  summaryHtml: null,
  contentHtml: null,
  baseUrl: null,
  published: null,
  updated: null,
  categories: [],
  enclosures: [],
  image: null,
  source: null,
  ...fields,
})

const feedOf = (entries: ParsedEntry[], fields: Partial<ParsedFeed> = {}): ParsedFeed => ({
  format: 'rss',
  title: 'Feed',
  siteUrl: 'https://site.example/',
  description: null,
  ttlMinutes: null,
  updatePeriodSeconds: null,
  skipHours: [],
  skipDays: [],
  entries,
  ...fields,
})

const item = (fields: Partial<Item>): Item => ({
  guid: null,
  guidIsPermaLink: null,
  url: null,
  links: fields.url ? [{ url: fields.url, rel: 'alternate', type: null, title: null }] : [],
  title: '(untitled)',
  author: fields.authors?.[0]?.name ?? null,
  authors: [],
  summary: null,
  contentHtml: null,
  publishedAt: null,
  updatedAt: null,
  categories: [],
  enclosures: [],
  image: null,
  source: null,
  // Which hash is rawEntryHash's test; here only that every item carries one.
  rawHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string,
  ...fields,
})

const person = (name: string | null, email: string | null = null, url: string | null = null) => ({ name, email, url })

function normalizeOne(entry: Partial<ParsedEntry>, feed: Partial<ParsedFeed> = {}): Item | undefined {
  return normalizeFeed(feedOf([parsedEntry(entry)], feed), { feedUrl: 'https://site.example/feed.xml', now: NOW }).items[0]
}

describe('normalizeFeed: the four basic fixtures', () => {
  test('rss2-basic.xml', async () => {
    expect(await normalizeFixture('rss2-basic.xml', 'https://rss.example.com/feed.xml')).toEqual({
      title: 'Tributary RSS Fixture',
      siteUrl: 'https://rss.example.com/',
      description: 'A small RSS 2.0 feed for tests.',
      skipped: 0,
      items: [
        item({
          guidIsPermaLink: false,
          guid: 'rss-basic-001',
          url: 'https://rss.example.com/posts/river-levels',
          title: 'River levels rise after spring rain',
          authors: [person('Ada Brook')],
          summary: 'Levels rose two metres overnight.',
          contentHtml: '<p>Levels rose <b>two metres</b> overnight.</p>',
          publishedAt: new Date('2024-05-06T08:15:00Z'),
          categories: ['Weather'],
        }),
        item({
          guidIsPermaLink: false,
          guid: 'rss-basic-002',
          url: 'https://rss.example.com/posts/footbridge',
          title: 'Town council approves new footbridge',
          authors: [person('Ben Ford', 'editor@rss.example.com')],
          summary: 'The footbridge will open next year.',
          contentHtml:
            '<p>The footbridge will open next year. <a href="https://rss.example.com/posts/footbridge-plans" rel="noopener noreferrer">See the plans</a>.</p>',
          publishedAt: new Date('2024-05-07T12:30:00Z'),
          categories: ['Local'],
        }),
        item({
          guidIsPermaLink: false,
          guid: 'rss-basic-003',
          url: 'https://rss.example.com/posts/mill-podcast',
          title: 'Podcast: the history of the mill',
          summary: 'Episode one.',
          contentHtml: 'Episode one.',
          publishedAt: new Date('2024-05-08T17:45:00Z'),
          enclosures: [{ url: 'https://rss.example.com/audio/mill.mp3', type: 'audio/mpeg', length: 1234567, durationSeconds: null }],
        }),
      ],
    })
  })

  test('atom10-basic.xml', async () => {
    expect(await normalizeFixture('atom10-basic.xml', 'https://atom.example.org/feed.atom')).toEqual({
      title: 'Tributary Atom Fixture',
      siteUrl: 'https://atom.example.org/',
      description: 'A small Atom 1.0 feed for tests.',
      skipped: 0,
      items: [
        item({
          guid: 'tag:atom.example.org,2024:entry-101',
          url: 'https://atom.example.org/2024/05/orchard-blossoms',
          title: 'Orchard blossoms early this year',
          authors: [person('Cora Dale')],
          summary: 'Blossoms arrived two weeks early.',
          contentHtml: '<p>Blossoms arrived <em>two weeks</em> early.</p>',
          publishedAt: new Date('2024-05-09T07:00:00Z'),
          updatedAt: new Date('2024-05-10T10:20:00Z'),
          categories: ['Nature'],
        }),
        item({
          guid: 'tag:atom.example.org,2024:entry-102',
          url: 'https://atom.example.org/2024/05/cheese-wine-fair',
          title: 'Cheese & wine fair returns',
          authors: [person('Dev Eames')],
          summary: 'The fair returns on Saturday.',
          contentHtml: '<p>The fair returns on Saturday.</p>',
          publishedAt: new Date('2024-05-11T15:05:00Z'),
          updatedAt: new Date('2024-05-11T15:05:00Z'),
        }),
      ],
    })
  })

  test('rss1-basic.rdf', async () => {
    expect(await normalizeFixture('rss1-basic.rdf', 'https://rdf.example.net/index.rdf')).toEqual({
      title: 'Tributary RDF Fixture',
      siteUrl: 'https://rdf.example.net/',
      description: 'A small RSS 1.0 feed for tests.',
      skipped: 0,
      items: [
        item({
          guid: 'https://rdf.example.net/notes/lighthouse',
          url: 'https://rdf.example.net/notes/lighthouse',
          title: 'Lighthouse keeper retires after forty years',
          authors: [person('Eve Fenn')],
          summary: 'A farewell on the harbour wall.',
          contentHtml: 'A farewell on the harbour wall.',
          publishedAt: new Date('2024-05-13T04:30:00Z'),
          categories: ['People'],
        }),
        item({
          guid: 'https://rdf.example.net/notes/ferry',
          url: 'https://rdf.example.net/notes/ferry',
          title: 'Ferry timetable changes for summer',
          summary: 'Extra sailings on weekends.',
          contentHtml: 'Extra sailings on weekends.',
          publishedAt: new Date('2024-05-14T09:00:00Z'),
        }),
      ],
    })
  })

  test('jsonfeed11-basic.json', async () => {
    expect(await normalizeFixture('jsonfeed11-basic.json', 'https://json.example.com/feed.json')).toEqual({
      title: 'Tributary JSON Fixture',
      siteUrl: 'https://json.example.com/',
      description: 'A small JSON Feed 1.1 for tests.',
      skipped: 0,
      items: [
        item({
          guid: 'json-basic-201',
          url: 'https://json.example.com/items/bakery',
          title: 'Bakery wins regional bread award',
          authors: [person('Finn Gale')],
          summary: 'The sourdough took first prize.',
          contentHtml: '<p>The sourdough took first prize.</p>',
          publishedAt: new Date('2024-05-15T08:00:00Z'),
          categories: ['Food', 'Awards'],
        }),
        item({
          guid: 'json-basic-202',
          url: 'https://json.example.com/items/marathon',
          title: 'Marathon route announced',
          authors: [person('Gia Hart')],
          summary: 'The route follows the canal. It finishes at the park.',
          contentHtml: 'The route follows the canal.<br />It finishes at the park.',
          publishedAt: new Date('2024-05-16T13:20:00Z'),
          updatedAt: new Date('2024-05-16T18:00:00Z'),
        }),
      ],
    })
  })

  test('titles and dates are distinct across the four fixtures', async () => {
    const feeds = await Promise.all([
      normalizeFixture('rss2-basic.xml', 'https://rss.example.com/feed.xml'),
      normalizeFixture('atom10-basic.xml', 'https://atom.example.org/feed.atom'),
      normalizeFixture('rss1-basic.rdf', 'https://rdf.example.net/index.rdf'),
      normalizeFixture('jsonfeed11-basic.json', 'https://json.example.com/feed.json'),
    ])
    const items = feeds.flatMap((feed) => feed.items)
    expect(items).toHaveLength(9)
    expect(new Set(items.map((i) => i.title)).size).toBe(9)
    expect(new Set(items.map((i) => i.guid)).size).toBe(9)
    expect(new Set(items.map((i) => i.publishedAt?.getTime())).size).toBe(9)
  })
})

describe('normalizeFeed: URLs', () => {
  test('atom10-relative-links.xml: item links against the site, content against the item, site against the feed', async () => {
    const feed = await normalizeFixture('atom10-relative-links.xml', 'https://blog.example.com/feeds/atom.xml')
    expect(feed.siteUrl).toBe('https://blog.example.com/')
    const [first, second] = feed.items
    expect(first?.url).toBe('https://blog.example.com/posts/1')
    expect(first?.contentHtml).toBe(
      '<p><a href="https://blog.example.com/about" rel="noopener noreferrer">About</a> ' +
        '<img src="https://blog.example.com/posts/img/a.png" srcset="https://blog.example.com/posts/img/a.png 1x, https://blog.example.com/img/a@2x.png 2x" alt="" /></p>',
    )
    expect(first?.enclosures).toEqual([{ url: 'https://blog.example.com/posts/media/1.mp3', type: 'audio/mpeg', length: 42, durationSeconds: null }])
    // No item link: the content is resolved against the site URL.
    expect(second?.url).toBeNull()
    expect(second?.contentHtml).toBe('<a href="https://blog.example.com/notes/2" rel="noopener noreferrer">Notes</a>')
  })

  test('rss2-no-guid.xml: relative item link resolved against the channel link', async () => {
    const feed = await normalizeFixture('rss2-no-guid.xml', 'https://feeds.example.net/noguid.xml')
    expect(feed.items.map((i) => [i.guid, i.url])).toEqual([
      [null, 'https://noguid.example.com/a'],
      ['https://noguid.example.com/b', 'https://noguid.example.com/b'],
      ['https://noguid.example.com/c', null],
      [null, 'https://noguid.example.com/d?x=1'],
    ])
  })

  test('without a site URL, links resolve against the feed URL; a non-http site URL is dropped', () => {
    expect(normalizeOne({ title: 't', link: 'p/1' }, { siteUrl: null })?.url).toBe('https://site.example/p/1')
    const feed = normalizeFeed(feedOf([], { siteUrl: 'javascript:alert(1)' }), { feedUrl: 'https://site.example/feed.xml', now: NOW })
    expect(feed.siteUrl).toBeNull()
  })

  test('a javascript: item link is dropped', () => {
    expect(normalizeOne({ title: 't', link: 'javascript:alert(1)' })?.url).toBeNull()
  })
})

describe('normalizeFeed: xml:base, media and people', () => {
  test('atom10-xml-base.xml: content resolves against its xml:base first, then the entry link', async () => {
    const [first, second, third] = (await normalizeFixture('atom10-xml-base.xml', 'https://base.example.org/feed.atom')).items
    expect(first?.contentHtml).toBe(
      '<img src="https://cdn.example.net/assets/pic.png" /> <a href="https://cdn.example.net/page" rel="noopener noreferrer">page</a>',
    )
    expect(first?.authors).toEqual([person('Ann Base', null, 'https://base.example.org/blog/2024/people/ann')])
    expect(second?.contentHtml).toBe('<p>See <a href="https://base.example.org/blog/notes/two.html" rel="noopener noreferrer">two</a>.</p>')
    expect(third?.url).toBe('https://base.example.org/blog/third.html')
  })

  test('rss2-podcast.xml: durations, thumbnail, source, people merged, obsolete zones and 2-digit years', async () => {
    const [twelve, eleven] = (await normalizeFixture('rss2-podcast.xml', 'https://pod.example.com/feed.xml')).items
    expect(twelve).toMatchObject({
      guidIsPermaLink: false,
      author: 'Cy Host',
      authors: [person('Cy Host', 'cy@pod.example.com')],
      publishedAt: new Date('2024-05-12T13:00:00Z'),
      contentHtml: '<p>Full notes with <a href="https://pod.example.com/12/links" rel="noopener noreferrer">links</a>.</p>',
      image: 'https://cdn.example.com/12-thumb.jpg',
      source: { title: 'The Network', url: 'https://network.example.net/feed.xml' },
      enclosures: [
        { url: 'https://cdn.example.com/12.mp3', type: 'audio/mpeg', length: 12345678, durationSeconds: 3723 },
        { url: 'https://cdn.example.com/12.pdf', type: 'application/pdf', length: 2000, durationSeconds: null },
        { url: 'https://cdn.example.com/12.m4a', type: 'audio/x-m4a', length: 999, durationSeconds: 3723 },
      ],
    })
    expect(eleven).toMatchObject({
      url: 'https://pod.example.com/11',
      guidIsPermaLink: true,
      publishedAt: new Date('2024-05-11T11:00:00Z'),
      enclosures: [{ url: 'https://cdn.example.com/11.mp3', type: 'audio/mpeg', length: null, durationSeconds: 2710 }],
    })
  })

  test('atom10-people-links.xml: every link absolute with its rel; the thumbnail; the source', async () => {
    const [first, copied] = (await normalizeFixture('atom10-people-links.xml', 'https://people.example.com/feed.atom')).items
    expect(first?.title).toBe('Two authors')
    expect(first?.links.map((link) => `${link.rel} ${link.url}`)).toEqual([
      'alternate https://people.example.com/1.json',
      'alternate https://people.example.com/1',
      'replies https://people.example.com/1#comments',
      'enclosure https://people.example.com/1.mp3',
      'enclosure https://people.example.com/1.mp4',
    ])
    expect(first?.contentHtml).toBe(
      'By <a href="https://people.example.com/ann" rel="noopener noreferrer">Ann</a> and <a href="https://people.example.com/bo" rel="noopener noreferrer">Bo</a>, <em>together</em>.',
    )
    expect(copied?.source).toEqual({ title: 'The Origin', url: 'https://origin.example.net/' })
  })

  test('a duplicate enclosure lends its duration to the first copy', () => {
    const entry = normalizeOne({
      title: 't',
      enclosures: [
        { url: 'https://cdn.example/a.mp3', type: 'audio/mpeg', length: 5, duration: null },
        { url: 'https://cdn.example/a.mp3', type: 'audio/mpeg', length: 5, duration: '90' },
      ],
    })
    expect(entry?.enclosures).toEqual([{ url: 'https://cdn.example/a.mp3', type: 'audio/mpeg', length: 5, durationSeconds: 90 }])
  })
})

describe('normalizeFeed: text fields', () => {
  test.each([
    ['HTML title decoded and stripped', { title: '<b>Big</b> &amp; <i>bold</i> &hellip;' }, 'Big & bold \u2026'],
    ['plain-text title keeps angle brackets', { title: 'Use <b> for  bold', titleIsHtml: false }, 'Use <b> for bold'],
    ['C1 punctuation repaired', { title: 'don\u0092t' }, 'don\u2019t'],
    ['empty title falls back to the summary', { title: '  ', summaryHtml: '<p>Short note</p>' }, 'Short note'],
    [
      'the fallback is an ~80-character snippet',
      { contentHtml: `<p>${'word '.repeat(40)}</p>` },
      `${'word '.repeat(16).trim()}\u2026`,
    ],
    ['nothing to show in the title: (untitled)', { link: 'https://site.example/x' }, '(untitled)'],
  ])('%s', (_name, entry, title) => {
    expect(normalizeOne(entry)?.title).toBe(title)
  })

  test('summary is the plain text of the summary, bounded to 500 characters on a word boundary', () => {
    const long = normalizeOne({ title: 't', summaryHtml: `<p>${'lorem ipsum '.repeat(100)}</p>` })?.summary ?? ''
    expect(long).toBe(`${'lorem ipsum '.repeat(41)}lorem\u2026`)
    expect(long.length).toBeLessThanOrEqual(500)
    expect(normalizeOne({ title: 't', contentHtml: '<p>From <b>content</b></p>' })?.summary).toBe('From content')
  })

  test('content falls back to the summary; both are sanitized', () => {
    const entry = normalizeOne({ title: 't', summaryHtml: '<p onclick="x()">S</p><script>x</script>' })
    expect(entry?.contentHtml).toBe('<p>S</p>')
    expect(normalizeOne({ title: 't', contentHtml: '<script>x</script>', summaryHtml: '<b>S</b>' })?.contentHtml).toBe('<b>S</b>')
  })

  test('authors: RSS "email (Name)" split, names as plain text, URLs absolute, repeats merged; author is the first name', () => {
    const entry = normalizeOne({
      title: 't',
      link: 'https://site.example/posts/1',
      authorDetails: [
        person(' '),
        person('editor@example.com (Ben Ford)'),
        person('Ben  Ford', null, '/ben'),
        person('Jos&eacute; <b>M</b>', 'jose@example.com'),
        person(null, 'anon@example.com'),
      ],
    })
    expect(entry?.authors).toEqual([
      person('Ben Ford', 'editor@example.com', 'https://site.example/ben'),
      person('Jos\u00e9 M', 'jose@example.com'),
      person(null, 'anon@example.com'),
    ])
    expect(entry?.author).toBe('Ben Ford')
    expect(normalizeOne({ title: 't', authorDetails: [person(null, 'only@example.com')] })?.author).toBe('only@example.com')
  })

  test('rss2-media-enclosures.xml: categories trimmed and deduped; enclosures absolute and deduped', async () => {
    const [entry] = (await normalizeFixture('rss2-media-enclosures.xml', 'https://media.example.com/feed.xml')).items
    expect(entry?.categories).toEqual(['Audio', 'Interviews'])
    expect(entry?.enclosures).toEqual([
      { url: 'https://cdn.example.com/ep7.mp3', type: 'audio/mpeg', length: 1000, durationSeconds: null },
      { url: 'https://media.example.com/episodes/files/ep7.pdf', type: 'application/pdf', length: null, durationSeconds: null },
      { url: 'https://cdn.example.com/ep7-cover.jpg', type: 'image/jpeg', length: null, durationSeconds: null },
    ])
  })

  test('feed metadata is plain text', () => {
    const feed = normalizeFeed(feedOf([], { title: ' <b>My</b> &amp; feed ', description: '<p>About <i>it</i></p>' }), {
      feedUrl: 'https://site.example/feed.xml',
      now: NOW,
    })
    expect([feed.title, feed.description]).toEqual(['My & feed', 'About it'])
  })
})

describe('normalizeFeed: dates', () => {
  test('published and updated are parsed; published falls back to updated', () => {
    expect(normalizeOne({ title: 't', published: 'Mon, 06 May 2024 08:15:00 GMT', updated: '2024-05-07T00:00:00Z' })).toMatchObject({
      publishedAt: new Date('2024-05-06T08:15:00Z'),
      updatedAt: new Date('2024-05-07T00:00:00Z'),
    })
    expect(normalizeOne({ title: 't', published: 'garbage', updated: '2024-05-07T00:00:00Z' })?.publishedAt).toEqual(
      new Date('2024-05-07T00:00:00Z'),
    )
  })

  test('future-date policy: a date more than a day after now counts as absent (storage keeps first-seen time)', () => {
    const entry = normalizeOne({ title: 't', published: '2024-06-03T00:00:00Z', updated: '2030-01-01T00:00:00Z' })
    expect([entry?.publishedAt, entry?.updatedAt]).toEqual([null, null])
    expect(normalizeOne({ title: 't', published: '2024-06-01T20:00:00Z' })?.publishedAt).toEqual(new Date('2024-06-01T20:00:00Z'))
    expect(normalizeOne({ title: 't', published: '2030-01-01T00:00:00Z', updated: '2024-05-01T00:00:00Z' })?.publishedAt).toEqual(
      new Date('2024-05-01T00:00:00Z'),
    )
  })

  test('placeholder dates (Unix epoch, Go zero time) count as absent', () => {
    expect(normalizeOne({ title: 't', published: 'Thu, 01 Jan 1970 00:00:00 GMT' })?.publishedAt).toBeNull()
    expect(normalizeOne({ title: 't', published: '0001-01-01T00:00:00Z' })?.publishedAt).toBeNull()
  })
})

describe('normalizeFeed: skipping', () => {
  test('entries with nothing to show are skipped and counted', () => {
    const feed = normalizeFeed(
      feedOf([
        parsedEntry({ guid: 'only-a-guid' }),
        parsedEntry({ title: '<span> </span>', summaryHtml: '<img src="data:x">' }),
        parsedEntry({ title: 'kept' }),
        parsedEntry({ enclosures: [{ url: 'https://site.example/a.mp3', type: 'audio/mpeg', length: null, duration: null }] }),
      ]),
      { feedUrl: 'https://site.example/feed.xml', now: NOW },
    )
    expect(feed.items.map((i) => i.title)).toEqual(['kept', '(untitled)'])
    expect(feed.skipped).toBe(2)
  })

  test('property: never throws and keeps the invariants for arbitrary entries', () => {
    const text = fc.option(
      fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('<p>x</p>', '&amp;', 'javascript:x', '/rel', 'https://a.example/', '2024-01-01', '\u0092')),
      { nil: null },
    )
    const entry = fc.record({
      guid: text,
      link: text,
      title: text,
      titleIsHtml: fc.boolean(),
      authorDetails: fc.array(fc.record({ name: text, email: text, url: text }), { maxLength: 3 }),
      summaryHtml: text,
      contentHtml: text,
      published: text,
      updated: text,
      categories: fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
      enclosures: fc.array(
        fc.record({ url: fc.string({ maxLength: 30 }), type: text, length: fc.option(fc.integer(), { nil: null }), duration: text }),
        { maxLength: 3 },
      ),
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), text, (entries, siteUrl) => {
        const feed = normalizeFeed(feedOf(entries.map(parsedEntry), { siteUrl }), { feedUrl: 'https://site.example/feed.xml', now: NOW })
        expect(feed.items.length + feed.skipped).toBe(entries.length)
        for (const i of feed.items) {
          expect(i.title).not.toBe('')
          if (i.url !== null) expect(i.url).toMatch(/^https?:\/\//)
          for (const e of i.enclosures) expect(e.url).toMatch(/^https?:\/\//)
          for (const a of i.authors) if (a.url !== null) expect(a.url).toMatch(/^https?:\/\//)
          for (const e of i.enclosures) if (e.durationSeconds !== null) expect(Number.isSafeInteger(e.durationSeconds) && e.durationSeconds > 0).toBe(true)
          expect((i.summary ?? '').length).toBeLessThanOrEqual(500)
        }
      }),
      { numRuns: 500 },
    )
  })
})
