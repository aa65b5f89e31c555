import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { normalizeFeed } from '../../src/normalize/index.js'
import type { ParsedEntry, ParsedFeed } from '../../src/model/index.js'
import { parseFeed, ParseError } from '../../src/parse/index.js'
import { sharedPath } from '../helpers/shared-data.js'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS = sharedPath('corpus')
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/feeds')

function parseFixture(name: string, contentType: string | null = null): Promise<ParsedFeed> {
  return parseFeed(readFileSync(path.join(FIXTURES, name)), { url: `https://fixtures.test/${name}`, contentType })
}

function parseCorpus(relative: string, contentType: string | null = null, url = `https://corpus.test/${relative}`): Promise<ParsedFeed> {
  return parseFeed(readFileSync(path.join(CORPUS, relative)), { url, contentType })
}

function parseText(body: string): Promise<ParsedFeed> {
  return parseFeed(Buffer.from(body), { url: 'https://e.test/feed', contentType: null })
}

async function parseErrorOf(body: string): Promise<ParseError> {
  const outcome = await parseText(body).then(
    () => new Error('parsed without error'),
    (err: unknown) => err,
  )
  if (!(outcome instanceof ParseError)) throw outcome
  return outcome
}

const entry = (fields: Partial<ParsedEntry>): ParsedEntry => ({
  guid: null,
  guidIsPermaLink: null,
  link: null,
  links: fields.link ? [{ url: fields.link, rel: 'alternate', type: null, title: null }] : [],
  title: null,
  titleIsHtml: true,
  authors: fields.authorDetails?.map((person) => person.name ?? person.email ?? '') ?? [],
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

const person = (name: string | null, email: string | null = null, url: string | null = null) => ({ name, email, url })

const feedFields = { ttlMinutes: null, updatePeriodSeconds: null, skipHours: [], skipDays: [] }

describe('parseFeed: the four basic fixtures', () => {
  test('rss2-basic.xml', async () => {
    expect(await parseFixture('rss2-basic.xml')).toEqual({
      ...feedFields,
      format: 'rss',
      title: 'Tributary RSS Fixture',
      siteUrl: 'https://rss.example.com/',
      description: 'A small RSS 2.0 feed for tests.',
      ttlMinutes: 60,
      entries: [
        entry({
          guid: 'rss-basic-001',
          guidIsPermaLink: false,
          link: 'https://rss.example.com/posts/river-levels',
          title: 'River levels rise after spring rain',
          authorDetails: [person('Ada Brook')],
          summaryHtml: '<p>Levels rose <b>two metres</b> overnight.</p>',
          published: 'Mon, 06 May 2024 08:15:00 +0000',
          categories: ['Weather'],
        }),
        entry({
          guid: 'rss-basic-002',
          guidIsPermaLink: false,
          link: 'https://rss.example.com/posts/footbridge',
          title: 'Town council approves new footbridge',
          // RSS <author> stays whole here; normalize splits "email (Name)".
          authorDetails: [person('editor@rss.example.com (Ben Ford)')],
          summaryHtml: 'The footbridge will open next year.',
          contentHtml: '<p>The footbridge will open next year. <a href="/posts/footbridge-plans">See the plans</a>.</p>',
          published: 'Tue, 07 May 2024 12:30:00 +0000',
          categories: ['Local'],
        }),
        entry({
          guid: 'rss-basic-003',
          guidIsPermaLink: false,
          link: 'https://rss.example.com/posts/mill-podcast',
          title: 'Podcast: the history of the mill',
          summaryHtml: 'Episode one.',
          published: 'Wed, 08 May 2024 17:45:00 +0000',
          enclosures: [{ url: 'https://rss.example.com/audio/mill.mp3', type: 'audio/mpeg', length: 1234567, duration: null }],
        }),
      ],
    })
  })

  test('atom10-basic.xml', async () => {
    expect(await parseFixture('atom10-basic.xml')).toEqual({
      ...feedFields,
      format: 'atom',
      title: 'Tributary Atom Fixture',
      siteUrl: 'https://atom.example.org/',
      description: 'A small Atom 1.0 feed for tests.',
      entries: [
        entry({
          guid: 'tag:atom.example.org,2024:entry-101',
          link: 'https://atom.example.org/2024/05/orchard-blossoms',
          title: 'Orchard blossoms early this year',
          titleIsHtml: false,
          // Inherited from the feed (RFC 4287 §4.2.1).
          authorDetails: [person('Cora Dale')],
          summaryHtml: 'Blossoms arrived two weeks early.',
          contentHtml: '<p>Blossoms arrived <em>two weeks</em> early.</p>',
          published: '2024-05-09T07:00:00Z',
          // rss-parser alone drops <updated> when <published> exists.
          updated: '2024-05-10T10:20:00Z',
          categories: ['Nature'],
        }),
        entry({
          guid: 'tag:atom.example.org,2024:entry-102',
          link: 'https://atom.example.org/2024/05/cheese-wine-fair',
          title: 'Cheese &amp; wine fair returns',
          titleIsHtml: true,
          authorDetails: [person('Dev Eames')],
          contentHtml: '<p>The fair returns on Saturday.</p>',
          updated: '2024-05-11T15:05:00Z',
        }),
      ],
    })
  })

  test('rss1-basic.rdf', async () => {
    expect(await parseFixture('rss1-basic.rdf')).toEqual({
      ...feedFields,
      format: 'rdf',
      title: 'Tributary RDF Fixture',
      siteUrl: 'https://rdf.example.net/',
      description: 'A small RSS 1.0 feed for tests.',
      entries: [
        entry({
          guid: 'https://rdf.example.net/notes/lighthouse',
          link: 'https://rdf.example.net/notes/lighthouse',
          title: 'Lighthouse keeper retires after forty years',
          authorDetails: [person('Eve Fenn')],
          summaryHtml: 'A farewell on the harbour wall.',
          published: '2024-05-13T06:30:00+02:00',
          categories: ['People'],
        }),
        entry({
          guid: 'https://rdf.example.net/notes/ferry',
          link: 'https://rdf.example.net/notes/ferry',
          title: 'Ferry timetable changes for summer',
          summaryHtml: 'Extra sailings on weekends.',
          published: '2024-05-14T11:00:00+02:00',
        }),
      ],
    })
  })

  test('jsonfeed11-basic.json', async () => {
    expect(await parseFixture('jsonfeed11-basic.json', 'application/feed+json')).toEqual({
      ...feedFields,
      format: 'json',
      title: 'Tributary JSON Fixture',
      siteUrl: 'https://json.example.com/',
      description: 'A small JSON Feed 1.1 for tests.',
      entries: [
        entry({
          guid: 'json-basic-201',
          link: 'https://json.example.com/items/bakery',
          title: 'Bakery wins regional bread award',
          titleIsHtml: false,
          authorDetails: [person('Finn Gale')],
          summaryHtml: 'The sourdough took first prize.',
          contentHtml: '<p>The sourdough took first prize.</p>',
          published: '2024-05-15T08:00:00Z',
          categories: ['Food', 'Awards'],
        }),
        entry({
          guid: 'json-basic-202',
          link: 'https://json.example.com/items/marathon',
          title: 'Marathon route announced',
          titleIsHtml: false,
          authorDetails: [person('Gia Hart')],
          contentHtml: 'The route follows the canal.<br>It finishes at the park.',
          published: '2024-05-16T13:20:00Z',
          updated: '2024-05-16T18:00:00Z',
        }),
      ],
    })
  })
})

describe("parseFeed: rss-parser's gaps, closed", () => {
  test('Atom type="xhtml" content keeps document order (rss-parser/reddit-home.rss; rss-parser puts text first)', async () => {
    const [first] = (await parseCorpus('rss-parser/test/input/reddit-home.rss')).entries
    expect(first?.contentHtml).toContain(
      '<td>  submitted by  <a href="https://www.reddit.com/user/AngryRedditorsBelow">/u/AngryRedditorsBelow</a>  to  <a href="https://www.reddit.com/r/funny/">/r/funny</a><br>',
    )
    // The xhtml:div wrapper is not part of the content (RFC 4287 §4.1.3.3).
    expect(first?.contentHtml?.startsWith('<table>')).toBe(true)
  })

  test('unescaped markup in <description> keeps document order (rss-parser/reddit-atom.rss)', async () => {
    const [first] = (await parseCorpus('rss-parser/test/input/reddit-atom.rss')).entries
    expect(first?.summaryHtml).toContain('<td>submitted by<a href="https://www.reddit.com/user/benjaab123">benjaab123</a>to<a href="https://www.reddit.com/r/space/">space</a><br>')
  })

  test('xml:base on the feed, an entry, a link and content; relative bases chain; an unsafe base is ignored', async () => {
    const [first, second, third] = (await parseFixture('atom10-xml-base.xml')).entries
    expect(first).toMatchObject({
      link: 'https://base.example.org/blog/2024/first.html',
      baseUrl: 'https://cdn.example.net/assets/',
      authorDetails: [person('Ann Base', null, 'https://base.example.org/blog/2024/people/ann')],
      enclosures: [{ url: 'https://base.example.org/files/media/first.mp3', type: 'audio/mpeg', length: 10, duration: null }],
    })
    // The wrapping div's xml:base applies to the content it wraps.
    expect(second).toMatchObject({ contentHtml: '<p>See <a href="two.html">two</a>.</p>', baseUrl: 'https://base.example.org/blog/notes/' })
    expect(third).toMatchObject({ link: 'https://base.example.org/blog/third.html', baseUrl: 'https://base.example.org/blog/' })
  })

  test('xml:base: feedparser relative_xml_base_2.xml (feed, entry and title bases chain)', async () => {
    const feed = await parseCorpus('feedparser/tests/wellformed/base/relative_xml_base_2.xml')
    expect(feed.entries[0]?.title).toBe('Example <a href="test.html">test</a>')
  })

  test('xml:base: rss-parser/reddit-home.rss resolves against the document URL', async () => {
    const feed = await parseCorpus('rss-parser/test/input/reddit-home.rss', null, 'https://www.reddit.com/.rss')
    expect(feed.entries[0]?.baseUrl).toBe('https://www.reddit.com/.rss?limit=50')
  })

  test('Atom: every author with email and uri, categories by label, every link with its rel, enclosures, thumbnail', async () => {
    const [first, copied, inherited] = (await parseFixture('atom10-people-links.xml')).entries
    expect(first).toMatchObject({
      link: 'https://people.example.com/1',
      title: 'Two <em>authors</em>',
      titleIsHtml: true,
      authors: ['Ann One', 'Bo Two'],
      authorDetails: [person('Ann One', 'ann@people.example.com', 'https://people.example.com/ann'), person('Bo Two')],
      published: '2024-05-01T08:00:00+02:00',
      updated: '2024-05-02T09:30:00Z',
      categories: ['Technology', 'news'],
      enclosures: [
        { url: 'https://people.example.com/1.mp3', type: 'audio/mpeg', length: 1234, duration: null },
        { url: 'https://people.example.com/1.mp4', type: 'video/mp4', length: 5678, duration: null },
      ],
      image: 'https://people.example.com/1.jpg',
      contentHtml: 'By <a href="/ann">Ann</a> and <a href="/bo">Bo</a>, <em>together</em>.',
    })
    expect(first?.links.map((link) => [link.rel, link.type, link.title])).toEqual([
      ['alternate', 'application/json', null],
      ['alternate', 'text/html', null],
      ['replies', 'text/html', 'Comments'],
      ['enclosure', 'audio/mpeg', null],
      ['enclosure', 'video/mp4', null],
    ])
    // RFC 4287 §4.2.1: no author of its own, so the source's; failing that, the feed's.
    expect(copied).toMatchObject({ authors: ['Origin Author'], source: { title: 'The Origin', url: 'https://origin.example.net/' } })
    expect(inherited?.authors).toEqual(['Feed Owner'])
  })

  test('Atom content types: text escaped, html kept, xhtml rebuilt, out-of-line dropped, bad dates kept raw', async () => {
    const [text, outOfLine] = (await parseFixture('atom10-text-constructs.xml')).entries
    expect(text).toMatchObject({
      title: 'Use <b> for bold',
      titleIsHtml: false,
      summaryHtml: 'Tags like &lt;script&gt; are text here.',
      contentHtml: '<p>Inline <b>xhtml</b></p>',
      published: 'last Tuesday',
      updated: '2024-05-03T10:00:00Z',
    })
    expect(outOfLine).toMatchObject({ contentHtml: null, published: '2024-05-04T10:00:00Z', updated: '2024-05-05T10:00:00Z' })
  })

  test('Atom base64 content (type application/octet-stream) is decoded when it is text (feedparser atom10/entry_content_base64.xml)', async () => {
    const feed = await parseCorpus('feedparser/tests/wellformed/atom10/entry_content_base64.xml')
    expect(feed.entries[0]?.contentHtml).toBe('Example &lt;b&gt;Atom&lt;/b&gt;')
  })

  test('Atom link rel="enclosure" (gofeed translator)', async () => {
    const feed = await parseCorpus('gofeed/testdata/translator/atom/feed_item_enclosure_-_atom10_feed_entry_link_rel_enclosure.xml')
    expect(feed.entries[0]?.enclosures).toEqual([{ url: 'http://example.org/podcast.mp3', type: 'audio/mpeg', length: 123456, duration: null }])
  })

  test('RSS: guid isPermaLink, every enclosure, media:group, thumbnail, itunes:duration and image, dc:creator, content:encoded, <source>', async () => {
    const [twelve, eleven] = (await parseFixture('rss2-podcast.xml')).entries
    expect(twelve).toMatchObject({
      guid: 'pod-12',
      guidIsPermaLink: false,
      authors: ['cy@pod.example.com (Cy Host)', 'Cy Host'],
      summaryHtml: 'Short notes.',
      contentHtml: '<p>Full notes with <a href="/12/links">links</a>.</p>',
      enclosures: [
        // <itunes:duration> is the episode's, that is the first enclosure's.
        { url: 'https://cdn.example.com/12.mp3', type: 'audio/mpeg', length: 12345678, duration: '1:02:03' },
        { url: 'https://cdn.example.com/12.pdf', type: 'application/pdf', length: 2000, duration: null },
        { url: 'https://cdn.example.com/12.m4a', type: 'audio/x-m4a', length: 999, duration: '3723' },
      ],
      image: 'https://cdn.example.com/12-thumb.jpg',
      source: { title: 'The Network', url: 'https://network.example.net/feed.xml' },
    })
    expect(eleven).toMatchObject({ guid: 'https://pod.example.com/11', guidIsPermaLink: true, link: 'https://pod.example.com/11' })
  })

  test('RSS: every enclosure (gofeed translator feed_item_enclosure)', async () => {
    const feed = await parseCorpus('gofeed/testdata/translator/rss/feed_item_enclosure_-_rss_channel_item_enclosure.xml')
    expect(feed.entries[0]?.enclosures.map((e) => e.url)).toEqual(['http://example.org/podcast.mp3', 'http://example.org/podcast.jpg'])
  })

  test('RSS: itunes:image and itunes:duration on real podcast items (rss-parser/giantbomb-podcast.rss)', async () => {
    const [first] = (await parseCorpus('rss-parser/test/input/giantbomb-podcast.rss')).entries
    expect(first).toMatchObject({
      guidIsPermaLink: false,
      image: 'https://giantbomb1.cbsistatic.com/uploads/original/0/30/3132120-mspac-marquee-full.jpg?20191008',
    })
    expect(first?.enclosures[0]?.duration).toBe('10475')
  })

  test('RSS: media:content images become enclosures (rss-parser/guardian.rss; rss-parser keeps none)', async () => {
    const feed = await parseCorpus('rss-parser/test/input/guardian.rss')
    expect(feed.entries[0]?.enclosures[0]?.url).toMatch(/^https:\/\/i\.guim\.co\.uk\/img\/media\/b73c8752/)
  })

  test('RSS: media:thumbnail (rss-parser/reddit-atom.rss) and dc:creator with content:encoded (content-encoded.rss)', async () => {
    expect((await parseCorpus('rss-parser/test/input/reddit-atom.rss')).entries[0]?.image).toBe(
      'https://b.thumbs.redditmedia.com/l50PUpLyyNMLwFrYMuCb3kwlDaq3k1Pwo5YhsdAz2jU.jpg',
    )
    const [medium] = (await parseCorpus('rss-parser/test/input/content-encoded.rss')).entries
    expect(medium?.authors).toEqual(['Jeremy Puma'])
    expect(medium?.contentHtml).toMatch(/^<h4>Using Wild Ingredients in the\u00a0Kitchen<\/h4>/)
  })

  test('RSS <source> (gofeed parser rss_channel_item_source)', async () => {
    const feed = await parseCorpus('gofeed/testdata/parser/rss/rss_channel_item_source.xml')
    expect(feed.entries[0]?.source).toEqual({ title: 'Source Title', url: 'http://example.org' })
  })

  test('rss-1.rss: dc:subject becomes a category', async () => {
    const feed = await parseCorpus('rss-parser/test/input/rss-1.rss')
    expect(feed.entries[0]?.categories).toEqual(['Botany, Microbiology'])
  })

  test('heise.atom: entries inherit the feed author (RFC 4287 §4.2.1)', async () => {
    const feed = await parseCorpus('rss-parser/test/input/heise.atom')
    expect(new Set(feed.entries.map((e) => e.authors[0]))).toEqual(new Set(['heise online']))
  })

  test('an Atom entry with an unparseable <published> does not fail the feed (rss-parser alone throws)', async () => {
    const feed = await parseCorpus('feedvalidator/testcases/atom/3.3/published_bad_day.xml')
    expect(feed.entries[0]).toMatchObject({ published: '2003-07-32T15:51:30-05:00', updated: '2003-12-13T18:30:02Z' })
  })

  test('prefixed Atom (feedvalidator atom/1.2/prefixed-namespace.xml) and an undeclared RSS root prefix read like unprefixed ones', async () => {
    const atom = await parseCorpus('feedvalidator/testcases/atom/1.2/prefixed-namespace.xml')
    expect([atom.title, atom.siteUrl, atom.entries[0]?.title, atom.entries[0]?.link, atom.entries[0]?.authors]).toEqual([
      'Example Feed',
      'http://example.org/',
      'Atom-Powered Robots Run Amok',
      'http://example.org/2003/12/13/atom03',
      ['John Doe'],
    ])
    const rss = await parseText('<r:rss version="2.0"><r:channel><r:title>T</r:title><r:item><r:title>I</r:title></r:item></r:channel></r:rss>')
    expect([rss.title, rss.entries[0]?.title]).toEqual(['T', 'I'])
  })
})

describe('parseFeed: DTDs and entities', () => {
  test('rss2-internal-entity.xml: internal entities expand, external ones are dropped, bare & survive', async () => {
    const feed = await parseFixture('rss2-internal-entity.xml')
    expect(feed).toMatchObject({
      title: 'Example & Co news',
      siteUrl: 'https://entity.example.com/?a=1&b=2',
      description: 'Wait\u2026 R&D  done',
    })
    expect(feed.entries[0]).toMatchObject({
      link: 'https://entity.example.com/items/1?ref=rss&utm=x',
      title: 'Entities & ampersands',
      summaryHtml: 'Kept as is: &site; & <b>bold</b>',
    })
  })

  test('rss2-netscape-doctype.xml: RSS 0.91 with the Netscape DOCTYPE and its HTML entities', async () => {
    const feed = await parseFixture('rss2-netscape-doctype.xml')
    expect([feed.format, feed.title, feed.entries[0]?.title]).toEqual(['rss', 'Netscape caf\u00e9', 'First & only'])
  })

  test('feedparser rdf/doctype_contains_entity_decl.xml parses', async () => {
    const feed = await parseCorpus('feedparser/tests/wellformed/rdf/doctype_contains_entity_decl.xml')
    expect(feed.format).toBe('rdf')
  })

  test('a "billion laughs" DTD fails the document with parse_entity_expansion, and an external entity is never read', async () => {
    const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 8 }, (_, n) => `<!ENTITY lol${n + 1} "${`&lol${n === 0 ? '' : n};`.repeat(10)}">`)].join('')
    await expect(parseText(`<!DOCTYPE rss [${laughs}]><rss version="2.0"><channel><title>Laughing Feed &lol8;</title></channel></rss>`))
      .rejects.toMatchObject({ code: 'parse_entity_expansion' })
    const feed = await parseText('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>[&xxe;]</title></channel></rss>')
    expect(feed.title).toBe('[]')
  })
})

describe('parseFeed: lenient where the world is broken', () => {
  test.each([
    ['undeclared HTML entities', '<rss version="2.0"><channel><title>caf&eacute;&nbsp;&hellip;</title></channel></rss>', 'caf\u00e9\u00a0\u2026'],
    ['a bare &', '<rss version="2.0"><channel><title>R&D & more</title></channel></rss>', 'R&D & more'],
    ['control characters', '<rss version="2.0"><channel><title>a\u0001b\u000bc\u0000</title></channel></rss>', 'abc'],
    ['an unknown entity stays literal', '<rss version="2.0"><channel><title>&bogus;</title></channel></rss>', '&bogus;'],
    ['an upper-case hex reference', '<rss version="2.0"><channel><title>&#X41;</title></channel></rss>', 'A'],
    ['a mismatched close tag', '<rss version="2.0"><channel><title>x</channel></rss>', 'x'],
    ['an unquoted attribute', '<rss version=2.0><channel><title>x</title></channel></rss>', 'x'],
    ['text after the root', '<rss version="2.0"><channel><title>x</title></channel></rss>junk<more/>', 'x'],
  ])('%s', async (_name, body, title) => {
    expect((await parseText(body)).title).toBe(title)
  })

  test('a truncated document keeps the complete items and what it can of the last', async () => {
    const feed = await parseText('<rss version="2.0"><channel><title>t</title><item><title>one</title></item><item><title>two</title><link>https://e.test/2')
    expect(feed.entries.map((e) => [e.title, e.link])).toEqual([['one', null], ['two', 'https://e.test/2']])
  })

  test('a bare ampersand in a real feed (gofeed issue_305_bare_ampersand.xml)', async () => {
    const feed = await parseCorpus('gofeed/testdata/parser/rss/issue_305_bare_ampersand.xml')
    expect(feed.entries.length + (feed.title === null ? 0 : 1)).toBeGreaterThan(0)
  })

  test('<rss> with no <channel> is an empty feed, as gofeed reads it (gofeed version_rss_20.xml)', async () => {
    const feed = await parseCorpus('gofeed/testdata/parser/rss/version_rss_20.xml')
    expect([feed.format, feed.title, feed.entries]).toEqual(['rss', null, []])
  })

  test('feedparser illformed/aaa_illformed.xml (unterminated end tag) recovers', async () => {
    expect((await parseCorpus('feedparser/tests/illformed/aaa_illformed.xml')).format).toBe('rss')
  })
})

describe('parseFeed: syndication hints', () => {
  test('rss2-podcast.xml: sy:updatePeriod daily / frequency 4, skipHours (24 read as 0), skipDays by name', async () => {
    expect(await parseFixture('rss2-podcast.xml')).toMatchObject({ updatePeriodSeconds: 21_600, skipHours: [0, 23], skipDays: [0, 6] })
  })

  test.each([
    ['rome/rome/src/test/resources/rss_1.0_DC_Sy.xml', { updatePeriodSeconds: 36 }],
    ['rome/rome/src/test/resources/atom_0.3_DC_Sy.xml', { updatePeriodSeconds: 36 }],
    ['gofeed/testdata/parser/rss/rss_channel_skipDays.xml', { skipDays: [4, 5] }],
    ['gofeed/testdata/parser/rss/rss_channel_skipHours.xml', { skipHours: [4, 5, 6] }],
  ])('%s', async (file, expected) => {
    expect(await parseCorpus(file)).toMatchObject(expected)
  })
})

describe('parseFeed: errors', () => {
  test.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Not here</body></html>', 'parse_html_page'],
    ['another XML vocabulary', '<?xml version="1.0"?><svg/>', 'parse_unknown_format'],
    ['a document cut off inside the root tag', '<rss version="2.0"', 'parse_invalid_xml'],
    ['broken JSON', '{"version":"https://jsonfeed.org/version/1.1","items":[', 'parse_invalid_json'],
  ])('%s → %s', async (_name, body, code) => {
    expect((await parseErrorOf(body)).code).toBe(code)
  })

  test('an rss-parser failure that recovery cannot mend is wrapped with its cause and the document URL', async () => {
    const error = await parseErrorOf('<rss version="2.0"')
    expect(error.message).toMatch(/^parse: invalid rss document at https:\/\/e\.test\/feed: /)
    expect(error.cause).toBeInstanceOf(Error)
  })

  test('rss-parser/unrecognized.rss (a "Document Moved" page) is an HTML page', async () => {
    const outcome = await parseCorpus('rss-parser/test/input/unrecognized.rss').catch((err: unknown) => err)
    expect(outcome).toBeInstanceOf(ParseError)
    expect((outcome as ParseError).code).toBe('parse_html_page')
  })
})

describe('parseFeed: property', () => {
  // A crash is anything but a ParsedFeed or a ParseError; normalizing what parses never throws.
  test('documents built from feed fragments: a feed or a ParseError, never anything else', async () => {
    const piece = fc.constantFrom(
      '<?xml version="1.0"?>', '<!DOCTYPE rss [<!ENTITY e "&amp;x">]>', '<rss version="2.0">', '</rss>', '<channel>', '</channel>', '<item>', '</item>',
      '<feed xmlns="http://www.w3.org/2005/Atom">', '</feed>', '<entry>', '</entry>', '<rdf:RDF>', '</rdf:RDF>', '<title>', '</title>',
      '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">', '</div></content>', '<link href="x"/>', '<link>', '</link>',
      '<description>', '</description>', '<b>', '</b>', '&e;', '&nbsp;', '&', '<![CDATA[', ']]>', '<!--', '-->', 'text', '\u0001', '<', '>',
      ' xml:base="../b/"', '<enclosure url="a.mp3" length="x"/>', '<media:group><media:content url="/m"/></media:group>', '<source url="u">s</source>',
      '<author><name>n</name></author>', '<pubDate>Mon, 06 May 2024</pubDate>', '{"version":"https://jsonfeed.org/version/1.1","items":[{}]}',
    )
    const document = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''))
    await fc.assert(
      fc.asyncProperty(document, async (text) => {
        try {
          const feed = await parseText(text)
          normalizeFeed(feed, { feedUrl: 'https://e.test/feed', now: new Date('2025-01-01T00:00:00Z') })
        } catch (err: unknown) {
          if (!(err instanceof ParseError)) throw err
        }
      }),
      { numRuns: 1000 },
    )
  })
})

describe('parseFeed: JSON Feed', () => {
  test('jsonfeed10-author-object.json: bad items skipped, 1.0 author, object authors, numeric id, text content', async () => {
    const feed = await parseFixture('jsonfeed10-author-object.json')
    expect(feed.entries).toEqual([
      entry({
        guid: '1001',
        link: 'https://elsewhere.example.net/story',
        links: [{ url: 'https://elsewhere.example.net/story', rel: 'related', type: null, title: null }],
        titleIsHtml: false,
        authorDetails: [person('Hal Ives', null, 'https://quirks.example.com/hal')],
        contentHtml: 'Line one<br>Line &lt;two&gt; &amp; three',
        published: '2024-04-01T12:00:00+02:00',
      }),
      entry({
        guid: 'obj-authors',
        link: 'https://quirks.example.com/2',
        title: 'Object-shaped authors',
        titleIsHtml: false,
        authorDetails: [person('Ida Jones')],
        summaryHtml: 'Plain &lt;summary&gt; text',
        categories: ['a', 'b'],
        enclosures: [{ url: 'https://quirks.example.com/2.mp3', type: 'audio/mpeg', length: 2048, duration: null }],
      }),
    ])
  })

  test.each([
    ['v1/simple.json', ['2', '1'], 'https://example.org/second-item'],
    ['v1.1/simple.json', ['2', '1'], 'https://example.org/second-item'],
    ['v1/microblog.json', ['2347259'], 'https://example.org/2347259'],
    ['v1.1/microblog.json', ['2347259'], 'https://example.org/2347259'],
    ['v1/podcast.json', ['http://therecord.co/chris-parrish'], 'http://therecord.co/chris-parrish'],
    ['v1.1/podcast.json', ['http://therecord.co/chris-parrish'], 'http://therecord.co/chris-parrish'],
  ])('jsonfeed-schema %s', async (name, ids, firstLink) => {
    const feed = await parseCorpus(`jsonfeed-schema/test/examples/${name}`, 'application/feed+json')
    expect(feed.format).toBe('json')
    expect(feed.entries.map((e) => e.guid)).toEqual(ids)
    expect(feed.entries[0]?.link).toBe(firstLink)
  })

  test('jsonfeed-schema v1.1/podcast.json: attachment with duration, summary escaped, content_html kept', async () => {
    const [item] = (await parseCorpus('jsonfeed-schema/test/examples/v1.1/podcast.json')).entries
    expect(item?.enclosures).toEqual([
      { url: 'http://therecord.co/downloads/The-Record-sp1e1-ChrisParrish.m4a', type: 'audio/x-m4a', length: 89970236, duration: '6629' },
    ])
    expect(item?.summaryHtml).toBe('Brent interviews Chris Parrish, co-host of The Record and one-half of Aged &amp; Distilled.')
    expect(item?.contentHtml).toMatch(/^Chris has worked at <a href="http:\/\/adobe.com\/">Adobe<\/a>/)
  })

  test('jsonfeed-schema v1/microblog.json: the feed-level 1.0 author applies to items', async () => {
    const [item] = (await parseCorpus('jsonfeed-schema/test/examples/v1/microblog.json')).entries
    expect(item?.authorDetails).toEqual([person('Brent Simmons', null, 'http://example.org/')])
    expect(item?.contentHtml).toBe('Cats are neat. <br><br>https://example.org/cats')
  })
})
