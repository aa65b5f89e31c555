import { describe, expect, it } from 'vitest'
import { renderIndexPage } from '../../../src/present/pages/index-page.js'
import { collection, feedStatus, HOSTILE } from './fixtures.js'

const ESCAPED_HOSTILE = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp;amp;'

describe('renderIndexPage', () => {
  const feeds = [
    feedStatus({ id: 1, title: 'Alpha', collections: ['news'] }),
    feedStatus({ id: 2, title: HOSTILE, siteUrl: 'javascript:alert(3)', collections: ['news'], lastError: { code: 'fetch_timeout', message: HOSTILE }, errorCount: 3 }),
    feedStatus({ id: 3, title: null, url: 'https://user:secret@private.example/feed', disabledReason: 'gone (410)' }),
    feedStatus({ id: 4, title: 'Fresh', lastSuccessAt: null }),
  ]
  const html = renderIndexPage({
    publicUrl: 'https://planet.example',
    collections: [collection({ name: 'all', title: 'Everything', feedCount: 4 }), collection({ name: 'news', title: HOSTILE, includeTerms: ['<b>'], feedCount: 2 })],
    feeds,
  })

  it('gives every collection subscribe links in all three formats on the public URL, and discovery links in the head', () => {
    for (const format of ['atom', 'rss', 'json']) {
      expect(html).toContain(`href="https://planet.example/collections/news/feed.${format}"`)
      expect(html).toContain(`href="https://planet.example/collections/all/feed.${format}"`)
    }
    const head = html.slice(0, html.indexOf('</head>'))
    expect(head.match(/<link rel="alternate"[^>]*>/g)).toEqual([
      '<link rel="alternate" type="application/atom+xml" title="Everything (Atom)" href="https://planet.example/collections/all/feed.atom">',
      '<link rel="alternate" type="application/rss+xml" title="Everything (RSS)" href="https://planet.example/collections/all/feed.rss">',
      '<link rel="alternate" type="application/feed+json" title="Everything (JSON Feed)" href="https://planet.example/collections/all/feed.json">',
      `<link rel="alternate" type="application/atom+xml" title="${ESCAPED_HOSTILE} (Atom)" href="https://planet.example/collections/news/feed.atom">`,
      `<link rel="alternate" type="application/rss+xml" title="${ESCAPED_HOSTILE} (RSS)" href="https://planet.example/collections/news/feed.rss">`,
      `<link rel="alternate" type="application/feed+json" title="${ESCAPED_HOSTILE} (JSON Feed)" href="https://planet.example/collections/news/feed.json">`,
    ])
  })

  it('lists each collection\'s sources: every feed for "all", the members otherwise', () => {
    const news = html.slice(html.indexOf('id="collection-news"'))
    expect(html.slice(html.indexOf('id="collection-all"'), html.indexOf('id="collection-news"'))).toContain('4 sources')
    expect(news).toContain('<details open><summary>2 sources</summary>')
    expect(news).toContain('<a href="https://feeds.example/1/">Alpha</a>')
  })

  it('shows each source with its feed link and health: status, last success, last error', () => {
    const news = html.slice(html.indexOf('id="collection-news"'))
    expect(news).toContain('<li><a href="https://feeds.example/1/">Alpha</a> (<a href="https://feeds.example/1.xml">feed</a>)<br>' +
      '<span class="meta"><span class="ok">ok</span> · last success <time datetime="2026-01-05T10:00:00.000Z">2026-01-05 10:00 UTC</time></span></li>')
    expect(news).toContain(`<li>${ESCAPED_HOSTILE} (<a href="https://feeds.example/2.xml">feed</a>)<br>` +
      '<span class="meta"><span class="warn">failing 3×</span> · last success <time datetime="2026-01-05T10:00:00.000Z">2026-01-05 10:00 UTC</time>' +
      ` · last error <code>fetch_timeout</code> ${ESCAPED_HOSTILE}</span></li>`)
    const all = html.slice(html.indexOf('id="collection-all"'), html.indexOf('id="collection-news"'))
    // A feed URL with credentials is named and linked without them.
    expect(all).toContain('<li><a href="https://feeds.example/3/">https://private.example/feed</a> (<a href="https://private.example/feed">feed</a>)<br>' +
      '<span class="meta"><span class="bad">disabled: gone (410)</span>')
    expect(all).toContain('<li><a href="https://feeds.example/4/">Fresh</a> (<a href="https://feeds.example/4.xml">feed</a>)<br>' +
      '<span class="meta"><span class="muted">not fetched yet</span> · last success never</span></li>')
  })

  it('opens a long source list only on demand', () => {
    const many = Array.from({ length: 11 }, (_, i) => feedStatus({ id: i + 1, collections: ['big'] }))
    const page = renderIndexPage({ publicUrl: 'https://planet.example', collections: [collection({ name: 'big' })], feeds: many })
    expect(page).toContain('<details><summary>11 sources</summary>')
  })

  it('escapes hostile titles, terms and errors, and never links a javascript: URL', () => {
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp;amp;')
    expect(html).toContain('“&lt;b&gt;”')
  })

  it('summarizes feed health and hides credentials in feed URLs', () => {
    expect(html).toContain('4 feeds: <span class="ok">1 ok</span> · <span class="warn">1 failing</span> · <span class="bad">1 disabled</span> · <span class="muted">1 not fetched yet</span>')
    expect(html).toContain('failing 3×')
    expect(html).toContain('disabled: gone (410)')
    expect(html).not.toContain('secret')
    expect(html).toContain('<a href="/feeds">All feeds</a>')
  })

  it('shares the layout: nav with the current section marked', () => {
    expect(html).toContain('<a href="/" aria-current="page">Collections</a>')
    expect(html).toContain('<a href="/search">Search</a>')
    expect(html).toContain('<a href="/feeds">Feeds</a>')
    expect(html).toContain('<a href="/search?collection=news">Search this collection</a>')
    expect(html).toContain('<a href="/opml">OPML of all subscriptions</a>')
  })

  it('as a static copy, says when it was made and links to no server page', () => {
    const page = renderIndexPage({
      publicUrl: 'https://static.example/planet',
      collections: [collection({ name: 'news', title: 'News', feedCount: 2 })],
      feeds,
      staticSite: { builtAt: new Date('2026-02-03T04:05:06Z'), opmlPath: 'subscriptions.opml' },
    })
    expect(page).toContain('<p class="meta">Published <time datetime="2026-02-03T04:05:06.000Z">2026-02-03 04:05 UTC</time>; sources\' health as of then.</p>')
    expect(page).toContain('<a href="https://static.example/planet/collections/news/feed.atom">Atom</a>')
    expect(page).toContain('<a href="subscriptions.opml">OPML of all subscriptions</a>')
    expect(page).toContain('<a class="brand" href="./">Tributary</a>\n</div></header>')
    expect(page.match(/href="\/[^"]*"/g)).toBeNull()
    expect(page).not.toContain('<nav')
  })
})
