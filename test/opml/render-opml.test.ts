import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseOpml, renderOpml } from '../../src/opml/index.js'
import type { OpmlFeed } from '../../src/opml/index.js'
import { sharedPath } from '../helpers/shared-data.js'

const CORPUS = `${sharedPath('corpus')}/`

const FEEDS: OpmlFeed[] = [
  { url: 'https://a.example/feed?x=1&y=2', title: 'A & "friends" <3', siteUrl: 'https://a.example/', folders: ['News', 'Tech'] },
  { url: 'https://c.example/atom', title: 'C', siteUrl: null, folders: ['Tech'] },
  { url: 'https://b.example/rss', title: null, siteUrl: null, folders: [] },
]

describe('renderOpml', () => {
  it('writes OPML 2.0 with folder outlines and top-level feeds in order of first appearance', () => {
    expect(renderOpml({ title: 'Tributary export', feeds: FEEDS, dateCreated: new Date('2024-03-01T10:00:00Z') })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        '  <head>',
        '    <title>Tributary export</title>',
        '    <dateCreated>Fri, 01 Mar 2024 10:00:00 GMT</dateCreated>',
        '  </head>',
        '  <body>',
        '    <outline text="News" title="News">',
        '      <outline type="rss" text="A &amp; &quot;friends&quot; &lt;3" title="A &amp; &quot;friends&quot; &lt;3" xmlUrl="https://a.example/feed?x=1&amp;y=2" htmlUrl="https://a.example/"/>',
        '    </outline>',
        '    <outline text="Tech" title="Tech">',
        '      <outline type="rss" text="A &amp; &quot;friends&quot; &lt;3" title="A &amp; &quot;friends&quot; &lt;3" xmlUrl="https://a.example/feed?x=1&amp;y=2" htmlUrl="https://a.example/"/>',
        '      <outline type="rss" text="C" title="C" xmlUrl="https://c.example/atom"/>',
        '    </outline>',
        '    <outline type="rss" text="https://b.example/rss" xmlUrl="https://b.example/rss"/>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
    )
  })

  it('leaves dateCreated out when none is given', () => {
    expect(renderOpml({ title: 't', feeds: [] })).not.toContain('dateCreated')
  })

  it('round-trips through parseOpml', () => {
    const doc = parseOpml(renderOpml({ title: 'Tributary export', feeds: FEEDS }))
    expect(doc).toEqual({ title: 'Tributary export', feeds: FEEDS, skipped: [] })
  })

  it('round-trips the newsboat import example', () => {
    const original = parseOpml(readFileSync(`${CORPUS}newsboat/test/data/example.opml`, 'utf8'))
    const again = parseOpml(renderOpml({ title: original.title ?? '', feeds: original.feeds }))
    expect(again).toEqual(original)
  })

  it('round-trips any feeds and names, control characters removed', () => {
    const label = fc.string({ unit: 'binary', maxLength: 20 })
    const clean = (text: string): string =>
      text
        .replace(/[^\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    const feed = fc.record({
      url: fc.webUrl({ withQueryParameters: true }).map((url) => new URL(url).href),
      title: fc.option(label, { nil: null }),
      siteUrl: fc.option(fc.webUrl().map((url) => new URL(url).href), { nil: null }),
      folders: fc.uniqueArray(label, { maxLength: 3 }),
    })
    fc.assert(
      fc.property(label, fc.uniqueArray(feed, { maxLength: 6, selector: (f) => f.url }), (title, feeds) => {
        const expected = feeds.map((f) => {
          const name = f.title === null ? '' : clean(f.title)
          return {
            url: f.url,
            title: name === '' || name === f.url ? null : name,
            siteUrl: f.siteUrl,
            folders: [...new Set(f.folders.map(clean).filter((folder) => folder !== ''))],
          }
        })
        const doc = parseOpml(renderOpml({ title, feeds }))
        expect(doc.title).toBe(clean(title) === '' ? null : clean(title))
        // Folders come first in the output, so compare as sets of feeds in any order.
        expect([...doc.feeds].sort(byUrl)).toEqual([...expected].sort(byUrl).map(withSortedFolders(doc.feeds)))
      }),
      { numRuns: 200 },
    )
  })
})

const byUrl = (a: OpmlFeed, b: OpmlFeed): number => a.url.localeCompare(b.url)

// A feed's folder order follows the order in which folder outlines are written.
function withSortedFolders(parsed: readonly OpmlFeed[]) {
  return (feed: OpmlFeed): OpmlFeed => {
    const actual = parsed.find((f) => f.url === feed.url)?.folders ?? []
    return { ...feed, folders: [...feed.folders].sort((a, b) => actual.indexOf(a) - actual.indexOf(b)) }
  }
}
