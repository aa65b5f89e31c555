import { describe, expect, it } from 'vitest'
import { renderIndexPage } from '../../../src/present/pages/index-page.js'
import { collection, feedStatus, HOSTILE } from './fixtures.js'

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

  it('gives every collection subscribe links in all three formats on the public URL', () => {
    for (const format of ['atom', 'rss', 'json']) {
      expect(html).toContain(`href="https://planet.example/collections/news/feed.${format}"`)
      expect(html).toContain(`href="https://planet.example/collections/all/feed.${format}"`)
    }
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="All feeds (Atom)" href="https://planet.example/collections/all/feed.atom">')
  })

  it('lists each collection\'s sources: every feed for "all", the members otherwise', () => {
    const news = html.slice(html.indexOf('id="collection-news"'))
    expect(html.slice(html.indexOf('id="collection-all"'), html.indexOf('id="collection-news"'))).toContain('4 sources')
    expect(news).toContain('2 sources')
    expect(news).toContain('<a href="https://feeds.example/1/">Alpha</a>')
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
  })
})
