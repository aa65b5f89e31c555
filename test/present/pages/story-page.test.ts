import { describe, expect, it } from 'vitest'
import { matchReason, renderStoryPage } from '../../../src/present/pages/story-page.js'
import { storyIdFromPath, storyPath } from '../../../src/present/pages/story-path.js'
import type { StoryCopy } from '../../../src/store/index.js'
import { HOSTILE } from './fixtures.js'

function copy(fields: Partial<StoryCopy> & Pick<StoryCopy, 'itemId'>): StoryCopy {
  return {
    url: `https://a.example/${fields.itemId}`,
    title: `Copy ${fields.itemId}`,
    author: null,
    summary: null,
    publishedAt: new Date('2026-01-02T00:00:00Z'),
    firstSeenAt: new Date('2026-01-02T00:05:00Z'),
    feed: { id: 1, title: 'A', url: 'https://a.example/feed', siteUrl: null },
    matchRule: 'first',
    matchDistance: null,
    ...fields,
  }
}

describe('renderStoryPage', () => {
  it('lists every copy with its feed, link, dates and why it was grouped, escaped', () => {
    const html = renderStoryPage({
      id: 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e',
      publishedAt: new Date('2026-01-02T00:00:00Z'),
      updatedAt: new Date('2026-01-03T00:00:00Z'),
      copies: [
        copy({ itemId: 1, title: HOSTILE }),
        copy({ itemId: 2, matchRule: 'canonical_url', feed: { id: 2, title: HOSTILE, url: 'https://b.example/feed', siteUrl: null }, summary: HOSTILE }),
        copy({ itemId: 3, matchRule: '<new>', matchDistance: 4, url: null }),
      ],
    })
    expect(html).not.toMatch(/<script|<img/)
    expect(html).toContain('<h1>&lt;script&gt;alert(1)')
    expect(html).toContain('3 copies from 2 feeds')
    expect(html).toContain('<code>first</code> Started the story: the first copy stored.')
    expect(html).toContain('<code>canonical_url</code> Links to the same article (same canonical URL) as an earlier copy.')
    expect(html).toContain('<code>&lt;new&gt;</code> Grouped by the rule “&lt;new&gt;”, distance 4.')
    expect(html).toContain('<h3>Copy 3</h3>')
    expect(html).toContain('<a href="/search?feed=2">&lt;script&gt;')
    expect(html).toContain('first seen <time datetime="2026-01-02T00:05:00.000Z">2026-01-02 00:05 UTC</time>')
  })

  it.each([
    ['fingerprint', 2, 'Its text is nearly identical to an earlier copy (2 of 256 bits differ).'],
    ['lead', 5, 'A shorter version: its opening matches an earlier copy\'s text (5 of 256 bits differ), and the titles are alike.'],
    ['title', null, 'Has little or no text, and the same specific headline as an earlier copy.'],
  ])('explains the %s rule', (matchRule, matchDistance, sentence) => {
    expect(matchReason({ matchRule, matchDistance })).toBe(sentence)
  })
})

describe('story paths', () => {
  it('link with the public id and accept it encoded or as a bare uuid', () => {
    const id = 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e'
    expect(storyPath(id)).toBe('/stories/urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e')
    expect(storyPath('a/b c')).toBe('/stories/a%2Fb%20c')
    expect(storyIdFromPath(id)).toBe(id)
    expect(storyIdFromPath('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(id)
  })
})
