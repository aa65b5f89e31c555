import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { resolveUrl } from '../../src/normalize/index.js'

describe('resolveUrl', () => {
  test.each([
    ['absolute stays', 'https://a.example/x?y=1#z', null, 'https://a.example/x?y=1#z'],
    ['root-relative', '/posts/1', 'https://blog.example.com/feeds/atom.xml', 'https://blog.example.com/posts/1'],
    ['path-relative', 'img/a.png', 'https://blog.example.com/posts/1', 'https://blog.example.com/posts/img/a.png'],
    ['dot segments', '../about', 'https://blog.example.com/posts/1', 'https://blog.example.com/about'],
    ['protocol-relative takes the base scheme', '//cdn.example.net/a.js', 'http://site.example/', 'http://cdn.example.net/a.js'],
    ['query only', '?page=2', 'https://a.example/list?page=1', 'https://a.example/list?page=2'],
    ['surrounding whitespace', '  https://a.example/x \n', null, 'https://a.example/x'],
    ['host is lower-cased, default port dropped', 'HTTPS://A.Example:443/X', null, 'https://a.example/X'],
    ['spaces are percent-encoded', '/a b', 'https://a.example/', 'https://a.example/a%20b'],
    ['relative without base', '/posts/1', null, null],
    ['javascript:', 'javascript:alert(1)', 'https://a.example/', null],
    ['javascript: hidden by a tab', 'java\tscript:alert(1)', 'https://a.example/', null],
    ['data:', 'data:image/png;base64,AAAA', 'https://a.example/', null],
    ['mailto:', 'mailto:a@example.com', 'https://a.example/', null],
    ['ftp:', 'ftp://files.example/x', null, null],
    ['empty', '', 'https://a.example/', null],
    ['null', null, 'https://a.example/', null],
    ['unparseable', 'http://[::1', null, null],
    ['non-http base cannot resolve a relative path', 'x', 'mailto:a@example.com', null],
    ['2,048 characters is the longest kept', `https://a.example/${'x'.repeat(2048 - 18)}`, null, `https://a.example/${'x'.repeat(2048 - 18)}`],
    ['a longer one is refused (it could not even be indexed)', `https://a.example/${'x'.repeat(2048 - 17)}`, null, null],
  ])('%s', (_name, href, base, expected) => {
    expect(resolveUrl(href, base)).toBe(expected)
  })

  test('property: idempotent — an absolute result resolves to itself, with or without a base', () => {
    const href = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.webPath(),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('//x.example/a', '../b', './c?d#e', 'javascript:x', '%zz', '\\\\evil.example\\a'),
    )
    const base = fc.option(fc.webUrl(), { nil: null })
    fc.assert(
      fc.property(href, base, base, (h, b, other) => {
        const resolved = resolveUrl(h, b)
        if (resolved === null) return true
        return /^https?:\/\//.test(resolved) && resolveUrl(resolved, null) === resolved && resolveUrl(resolved, other) === resolved
      }),
      { numRuns: 3000 },
    )
  })
})
