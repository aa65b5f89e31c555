import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCacheHints, parseHttpDate, parseRetryAfter } from '../../src/fetch/parse-cache-hints.js'

const NOW = new Date('2025-03-01T12:00:00.000Z')

describe('parseCacheHints', () => {
  const maxAgeCases: readonly (readonly [string, string | string[] | undefined, number | null])[] = [
    ['no Cache-Control', undefined, null],
    ['max-age', 'max-age=600', 600],
    ['max-age among other directives', 'public, max-age=300, must-revalidate', 300],
    ['directive names are case-insensitive', 'Public, MAX-AGE=120', 120],
    ['quoted value', 'max-age="90"', 90],
    ['s-maxage wins over max-age (shared cache)', 'max-age=60, s-maxage=3600', 3600],
    ['s-maxage alone', 's-maxage=30', 30],
    ['first max-age wins when repeated', 'max-age=10, max-age=20', 10],
    ['repeated across field lines', ['max-age=15', 'max-age=25'], 15],
    ['no-cache means revalidate every time', 'no-cache, max-age=600', 0],
    ['no-store', 'max-age=600, no-store', 0],
    ['qualified no-cache only concerns a field', 'no-cache="set-cookie", max-age=60', 60],
    ['invalid max-age is ignored', 'max-age=soon', null],
    ['negative max-age is ignored', 'max-age=-5', null],
    ['huge max-age is capped at 2^31 (RFC 9111 §1.2.2)', 'max-age=99999999999999', 2_147_483_648],
    ['only unrelated directives', 'private, must-revalidate', null],
    ['empty header', '', null],
  ]

  it.each(maxAgeCases)('max-age: %s', (_name, cacheControl, expected) => {
    expect(parseCacheHints({ 'cache-control': cacheControl }, NOW).maxAgeSeconds).toBe(expected)
  })

  it('reads Expires as an absolute time', () => {
    const hints = parseCacheHints({ expires: 'Sat, 01 Mar 2025 13:00:00 GMT' }, NOW)
    expect(hints).toEqual({ maxAgeSeconds: null, expiresAt: new Date('2025-03-01T13:00:00Z'), retryAt: null })
  })

  it('treats an invalid Expires such as "0" as no hint', () => {
    expect(parseCacheHints({ expires: '0' }, NOW).expiresAt).toBeNull()
  })

  it('turns Retry-After seconds into an absolute time from now', () => {
    expect(parseCacheHints({ 'retry-after': '120' }, NOW).retryAt).toEqual(new Date('2025-03-01T12:02:00Z'))
  })

  it('reads a Retry-After HTTP-date as is', () => {
    expect(parseCacheHints({ 'retry-after': 'Sun, 02 Mar 2025 00:00:00 GMT' }, NOW).retryAt).toEqual(
      new Date('2025-03-02T00:00:00Z'),
    )
  })

  it('gives all-null hints when no header is present', () => {
    expect(parseCacheHints({}, NOW)).toEqual({ maxAgeSeconds: null, expiresAt: null, retryAt: null })
  })
})

describe('parseRetryAfter', () => {
  it.each([
    ['zero seconds', '0', NOW],
    ['seconds with spaces', ' 30 ', new Date('2025-03-01T12:00:30Z')],
    ['HTTP-date', 'Sat, 01 Mar 2025 12:10:00 GMT', new Date('2025-03-01T12:10:00Z')],
    ['negative seconds', '-30', null],
    ['fractional seconds', '1.5', null],
    ['garbage', 'later', null],
  ] as const)('%s', (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toEqual(expected)
  })
})

describe('parseHttpDate', () => {
  it.each([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37Z'],
    ['RFC 850 date', 'Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37Z'],
    ['RFC 850 date in this century', 'Monday, 03-Mar-25 10:00:00 GMT', '2025-03-03T10:00:00Z'],
    ['asctime date', 'Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37Z'],
    ['one-digit day', 'Sun, 6 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37Z'],
    ['UTC instead of GMT', 'Sun, 06 Nov 1994 08:49:37 UTC', '1994-11-06T08:49:37Z'],
    ['lower-case month', 'Sun, 06 nov 1994 08:49:37 GMT', '1994-11-06T08:49:37Z'],
  ] as const)('parses %s', (_name, value, iso) => {
    expect(parseHttpDate(value, NOW)).toEqual(new Date(iso))
  })

  it.each([
    ['a local time zone', 'Sun, 06 Nov 1994 08:49:37 PST'],
    ['an impossible day', 'Mon, 31 Feb 2025 00:00:00 GMT'],
    ['an impossible hour', 'Sun, 06 Nov 1994 25:00:00 GMT'],
    ['an unknown month', 'Sun, 06 Foo 1994 08:49:37 GMT'],
    ['ISO 8601', '1994-11-06T08:49:37Z'],
    ['zero', '0'],
    ['empty', ''],
  ] as const)('rejects %s', (_name, value) => {
    expect(parseHttpDate(value, NOW)).toBeNull()
  })

  it('round-trips every IMF-fixdate that Date#toUTCString writes', () => {
    const seconds = fc.integer({ min: Date.UTC(1970, 0, 1) / 1000, max: Date.UTC(9999, 11, 31) / 1000 })
    fc.assert(
      fc.property(seconds, (s) => {
        const date = new Date(s * 1000)
        expect(parseHttpDate(date.toUTCString(), NOW)).toEqual(date)
      }),
    )
  })

  it('never throws, whatever the string', () => {
    fc.assert(fc.property(fc.string(), (value) => {
      const parsed = parseHttpDate(value, NOW)
      return parsed === null || !Number.isNaN(parsed.getTime())
    }))
  })
})
