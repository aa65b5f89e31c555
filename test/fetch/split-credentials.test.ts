import { describe, expect, it } from 'vitest'
import { splitCredentials } from '../../src/fetch/split-credentials.js'

function basic(userPass: string): string {
  return `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`
}

describe('splitCredentials', () => {
  it('returns the same URL and no Authorization when there are no credentials', () => {
    const url = new URL('https://example.org/feed')
    expect(splitCredentials(url)).toEqual({ url, authorization: null })
  })

  it.each([
    ['user and password', 'https://alice:wonderland@example.org/feed', basic('alice:wonderland')],
    ['a user only', 'https://alice@example.org/feed', basic('alice:')],
    ['a password only', 'https://:token@example.org/feed', basic(':token')],
    ['percent-encoded UTF-8', 'https://j%C3%BCrgen:caf%C3%A9%20%E2%98%95@example.org/feed', basic('jürgen:café ☕')],
    ['characters the URL parser encodes', 'https://us er:p@ss@example.org/feed', basic('us er:p@ss')],
    ['a % that starts no escape, kept as is', 'https://user:100%zz@example.org/feed', basic('user:100%zz')],
    ['an encoded colon in the password', 'https://user:a%3Ab@example.org/feed', basic('user:a:b')],
  ])('makes Basic credentials (RFC 7617) from %s, and strips them from the URL', (_name, input, authorization) => {
    const original = new URL(input)
    const split = splitCredentials(original)
    expect(split.authorization).toBe(authorization)
    expect(split.url.href).toBe('https://example.org/feed')
    // The caller's URL is left as it was.
    expect(original.href).toBe(new URL(input).href)
  })
})
