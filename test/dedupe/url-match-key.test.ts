import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalUrl, urlMatchKey } from '../../src/dedupe/index.js'

describe('urlMatchKey', () => {
  it.each([
    ['drops the scheme', 'http://example.com/a', 'example.com/a'],
    ['drops www.', 'https://www.example.com/a', 'example.com/a'],
    ['drops a mobile host label', 'https://m.example.co.uk/a', 'example.co.uk/a'],
    ['keeps a two-label host', 'https://www.co/a', 'www.co/a'],
    ['drops a trailing slash', 'https://example.com/a/', 'example.com/a'],
    ['drops an /amp segment', 'https://example.com/a/amp/', 'example.com/a'],
    ['drops ?amp=1', 'https://example.com/a?amp=1&id=2', 'example.com/a?id=2'],
    ['drops ?outputType=amp', 'https://example.com/a?outputType=amp', 'example.com/a'],
    ['keeps an amp parameter that selects something', 'https://example.com/a?amp=full', 'example.com/a?amp=full'],
    ['folds a directory index', 'https://example.com/news/a/index.html', 'example.com/news/a'],
    ['keeps a port', 'https://example.com:8443/a', 'example.com:8443/a'],
    ['keeps the path case', 'https://example.com/News/A', 'example.com/News/A'],
    ['root is the homepage trap', 'https://www.example.com/', null],
    ['an index file at the root is the homepage trap', 'https://example.com/index.php', null],
    ['the AMP root is the homepage trap', 'https://example.com/amp/', null],
    ['a root with a query still names a page', 'https://example.com/?p=12', 'example.com?p=12'],
    ['not a URL', 'no', null],
  ])('%s', (_name, canonical, expected) => {
    expect(urlMatchKey(canonical)).toBe(expected)
  })

  it('gives http/https, www and trailing-slash variants of a page one key', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true }), fc.boolean(), fc.boolean(), (raw, www, slash) => {
      const canonical = canonicalUrl(raw)
      if (canonical === null) return true
      const url = new URL(canonical)
      const variant = new URL(canonical)
      variant.protocol = url.protocol === 'https:' ? 'http:' : 'https:'
      if (www && !url.hostname.startsWith('www.') && url.hostname.includes('.')) variant.hostname = `www.${url.hostname}`
      if (slash && !url.pathname.endsWith('/')) variant.pathname = `${url.pathname}/`
      return urlMatchKey(variant.toString()) === urlMatchKey(canonical)
    }))
  })
})
