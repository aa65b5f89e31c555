import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { documentScope, resolveInScope, withBase } from '../../src/parse/xml-base.js'

const DOCUMENT = documentScope('https://feed.example/blog/feed.xml')

describe('xml:base scopes', () => {
  test.each([
    ['no xml:base: the scope has no base', [], null],
    ['absolute', ['https://other.example/x/'], 'https://other.example/x/'],
    ['relative to the document URL', ['posts/'], 'https://feed.example/blog/posts/'],
    ['nested relative bases chain', ['https://a.example/feed/', 'entry/', '../title/'], 'https://a.example/feed/title/'],
    ['an unsafe scheme is ignored', ['https://a.example/', "javascript:alert('x')"], 'https://a.example/'],
    ['malformed slashes as WHATWG URL reads them', ['http:///example.com/test/'], 'http://example.com/test/'],
    ['an IRI is encoded', ['http://www.\u8a79\u59c6\u65af.com/feed'], 'http://www.xn--8ws00zhy3a.com/feed'],
  ])('%s', (_name, bases, expected) => {
    const scope = bases.reduce((inner, base) => withBase(inner, base), DOCUMENT)
    expect(scope.base).toBe(expected)
  })

  test('a document without an http(s) URL resolves only absolute bases', () => {
    const scope = documentScope('corpus:file.xml')
    expect(withBase(scope, 'relative/').base).toBeNull()
    expect(withBase(scope, 'https://a.example/').base).toBe('https://a.example/')
  })

  test('references resolve only under an explicit base; others stay as written', () => {
    expect(resolveInScope('x.html', DOCUMENT)).toBe('x.html')
    expect(resolveInScope('x.html', withBase(DOCUMENT, '/b/'))).toBe('https://feed.example/b/x.html')
    expect(resolveInScope('mailto:a@example.com', withBase(DOCUMENT, '/b/'))).toBe('mailto:a@example.com')
    expect(resolveInScope(null, withBase(DOCUMENT, '/b/'))).toBeNull()
  })

  test('property: never throws; a base is always an absolute http(s) URL', () => {
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.webUrl(), fc.webPath(), fc.constantFrom('javascript:x', 'data:,x', '//h.example/', '../', ''))
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })), (bases, url) => {
        const scope = bases.reduce((inner, base) => withBase(inner, base), documentScope(url))
        return scope.base === null || /^https?:\/\//.test(scope.base)
      }),
      { numRuns: 2000 },
    )
  })
})
