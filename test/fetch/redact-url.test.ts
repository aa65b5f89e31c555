import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redactUrl } from '../../src/fetch/index.js'

describe('redactUrl', () => {
  it.each([
    ['a URL with user and password', 'https://user:secret@example.org/feed?x=1#top', 'https://example.org/feed?x=1#top'],
    ['a URL with a user only', 'http://token@example.org/feed', 'http://example.org/feed'],
    ['a URL with an empty user and a password', 'https://:secret@example.org/', 'https://example.org/'],
    ['a non-http URL with an authority', 'ftp://user:secret@example.org/feed', 'ftp://example.org/feed'],
    ['a URL without credentials, normalized', 'HTTPS://Example.org/a/../feed', 'https://example.org/feed'],
    ['an @ in the path, which is no userinfo', 'https://medium.com/@writer/feed', 'https://medium.com/@writer/feed'],
    ['an unparseable URL', 'https://user:secret@example.org:99999/feed', 'https://***@example.org:99999/feed'],
    ['an unparseable URL with a / in the password', 'https://user:se/cret@example.org/feed', 'https://***@example.org/feed'],
    ['an opaque user:pass@host', 'user:secret@example.org/feed', 'user:***@example.org/feed'],
    ['text without a scheme', 'secret@example.org', '***@example.org'],
    ['text without @', 'not a url', 'not a url'],
    ['an opaque URL without @', 'javascript:alert(1)', 'javascript:alert(1)'],
  ])('redacts %s', (_name, input, expected) => {
    expect(redactUrl(input)).toBe(expected)
  })

  it('removes any username and password from an http(s) URL', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), fc.string(), fc.string(), (scheme, user, password) => {
        const url = new URL(`${scheme}://feeds.example.org/private/feed.xml?q=1`)
        url.username = user
        url.password = password
        expect(redactUrl(url.href)).toBe(`${scheme}://feeds.example.org/private/feed.xml?q=1`)
      }),
    )
  })
})
