import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalUrl, isSiteRoot } from '../../src/dedupe/index.js'

describe('canonicalUrl', () => {
  it.each([
    ['lowercases scheme and host', 'HTTPS://News.Example.COM/Story', 'https://news.example.com/Story'],
    ['drops the default port', 'http://example.com:80/a', 'http://example.com/a'],
    ['keeps another port', 'http://example.com:8080/a', 'http://example.com:8080/a'],
    ['drops the fragment', 'https://example.com/a#comments', 'https://example.com/a'],
    ['drops utm_* and click ids', 'https://example.com/a?utm_source=rss&utm_Medium=feed&fbclid=x&gclid=y&mc_cid=1&mc_eid=2&yclid=3', 'https://example.com/a'],
    ['sorts the remaining parameters', 'https://example.com/a?z=1&id=7&a=2', 'https://example.com/a?a=2&id=7&z=1'],
    ['keeps repeated parameters in value order', 'https://example.com/a?t=b&t=a', 'https://example.com/a?t=a&t=b'],
    ['returns null for non-http schemes', 'mailto:someone@example.com', null],
    ['returns null for garbage', 'not a url', null],
  ])('%s', (_name, input, expected) => {
    expect(canonicalUrl(input)).toBe(expected)
  })

  it('is idempotent', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
      const once = canonicalUrl(url)
      return once === null || canonicalUrl(once) === once
    }))
  })
})

describe('isSiteRoot', () => {
  it.each([
    ['https://example.com/', true],
    ['https://example.com/?', true],
    ['https://example.com/?p=12', false],
    ['https://example.com/2024/story', false],
  ])('%s → %s', (url, expected) => {
    expect(isSiteRoot(canonicalUrl(url)!)).toBe(expected)
  })
})
