import { describe, expect, it } from 'vitest'
import { EMPTY_SEARCH_FORM } from '../../../src/present/pages/search-form.js'
import { renderSearchPage } from '../../../src/present/pages/search-page.js'
import { collection, HOSTILE, storedItem } from './fixtures.js'

const feeds = [{ id: 1, title: HOSTILE, url: 'https://a.example/feed' }, { id: 2, title: null, url: 'https://b.example/feed' }]
const collections = [collection({ name: 'all' }), collection({ name: 'news', title: 'News' })]

describe('renderSearchPage', () => {
  it('keeps the store\'s snippet markup, escapes everything else, and links the story and the next page', () => {
    const html = renderSearchPage({
      form: { ...EMPTY_SEARCH_FORM, q: '"><script>', collection: 'news' },
      collections,
      feeds,
      results: {
        items: [
          storedItem({ id: 1, title: HOSTILE, author: HOSTILE, snippet: 'the <mark>rust</mark> &lt;b&gt; book' }),
          storedItem({ id: 2, feedId: 2, url: 'javascript:alert(1)', title: 'No link', summary: '<i>plain</i>' }),
        ],
        nextCursor: 'NEXT',
      },
      error: null,
    })
    expect(html).toContain('<p class="snippet">the <mark>rust</mark> &lt;b&gt; book</p>')
    expect(html).toContain('<p class="snippet">&lt;i&gt;plain&lt;/i&gt;</p>')
    expect(html).not.toMatch(/<script|<img|javascript:/)
    expect(html).toContain('<h3><a href="https://a.example/1">&lt;script&gt;alert(1)')
    expect(html).toContain('<h3>No link</h3>')
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"')
    expect(html).toContain('<option value="news" selected>News</option>')
    expect(html).toContain('<a href="/search?feed=2">https://b.example/feed</a>')
    expect(html).toContain('<time datetime="2026-01-02T03:04:05.000Z">2026-01-02 03:04 UTC</time>')
    expect(html).toContain('<a href="/stories/urn:uuid:00000000-0000-4000-8000-000000000001">story</a>')
    expect(html).toContain('<a rel="next" href="/search?q=%22%3E%3Cscript%3E&amp;collection=news&amp;cursor=NEXT">Next page →</a>')
  })

  it('shows the message instead of results for bad input', () => {
    const html = renderSearchPage({ form: { ...EMPTY_SEARCH_FORM, since: 'soon' }, collections, feeds, results: null, error: 'since: "soon" is not a date' })
    expect(html).toContain('<p class="message" role="alert">since: &quot;soon&quot; is not a date</p>')
    expect(html).toContain('name="since" value="soon"')
    expect(html).not.toContain('class="list results"')
  })

  it('says when nothing matches, and links back to the first page from a later one', () => {
    const first = renderSearchPage({ form: { ...EMPTY_SEARCH_FORM, q: 'zzz' }, collections, feeds, results: { items: [], nextCursor: null }, error: null })
    expect(first).toContain('No items match.')
    expect(first).not.toContain('class="pager"')
    const later = renderSearchPage({ form: { ...EMPTY_SEARCH_FORM, q: 'zzz', cursor: 'C' }, collections, feeds, results: { items: [], nextCursor: null }, error: null })
    expect(later).toContain('<a href="/search?q=zzz">First page</a>')
  })
})
