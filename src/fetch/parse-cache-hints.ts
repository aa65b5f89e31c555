import type { CacheHints } from '../model/index.js'
import { headerList, headerValue } from './header-value.js'
import type { ResponseHeaders } from './header-value.js'

// RFC 9111 §1.2.2: a delta-seconds too large to represent is treated as 2^31.
const MAX_DELTA_SECONDS = 2_147_483_648

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

// The three HTTP-date forms of RFC 9110 §5.6.7. Servers in the wild also send a one-digit day or
// "UTC"/"+0000" instead of "GMT"; both are accepted since the meaning is unambiguous.
const IMF_FIXDATE = /^[a-z]{3},\s+(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+(?:GMT|UTC|\+0000)$/i
const RFC850_DATE = /^[a-z]+,\s+(\d{1,2})-([a-z]{3})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})\s+(?:GMT|UTC|\+0000)$/i
const ASCTIME_DATE = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})$/i

const DELTA_SECONDS = /^\d+$/

// One Cache-Control directive: a token, optionally `=token` or `="quoted string"` (RFC 9111 §5.2).
const DIRECTIVE = /([^\s=,]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*)))?/g

/** Returns the caching hints of a response (Cache-Control, Expires, Retry-After) relative to `now`. Never throws. */
export function parseCacheHints(headers: ResponseHeaders, now: Date): CacheHints {
  const expires = headerValue(headers, 'expires')
  const retryAfter = headerValue(headers, 'retry-after')
  return {
    maxAgeSeconds: parseMaxAge(headerList(headers, 'cache-control')),
    // RFC 9111 §5.3 says an invalid Expires (e.g. "0") means "already expired"; null says the same
    // to the scheduler, which then falls back to its normal interval.
    expiresAt: expires === null ? null : parseHttpDate(expires, now),
    retryAt: retryAfter === null ? null : parseRetryAfter(retryAfter, now),
  }
}

// The freshness lifetime in seconds, 0 for no-store/no-cache, null when Cache-Control gives none.
function parseMaxAge(cacheControl: string | null): number | null {
  if (cacheControl === null) return null
  let maxAge: number | null = null
  let sharedMaxAge: number | null = null
  for (const match of cacheControl.matchAll(DIRECTIVE)) {
    const name = (match[1] ?? '').toLowerCase()
    const value = match[2] ?? match[3] ?? null
    // A qualified no-cache="field" only restricts the named fields (RFC 9111 §5.2.2.4).
    if (name === 'no-store' || (name === 'no-cache' && value === null)) return 0
    // RFC 9111 §4.2.1: when a directive repeats, use its first occurrence.
    if (name === 'max-age' && maxAge === null) maxAge = parseDeltaSeconds(value)
    if (name === 's-maxage' && sharedMaxAge === null) sharedMaxAge = parseDeltaSeconds(value)
  }
  // An aggregator fetches once for many readers, i.e. it acts as a shared cache, for which
  // s-maxage overrides max-age (RFC 9111 §5.2.2.10).
  return sharedMaxAge ?? maxAge
}

/** Returns the time a Retry-After (delta-seconds or HTTP-date, RFC 9110 §10.2.3) points to, or null. Never throws. */
export function parseRetryAfter(value: string, now: Date): Date | null {
  const trimmed = value.trim()
  const seconds = parseDeltaSeconds(trimmed)
  if (seconds !== null) return new Date(now.getTime() + seconds * 1000)
  return parseHttpDate(trimmed, now)
}

/**
 * Returns the instant an HTTP-date (IMF-fixdate, RFC 850 or asctime; RFC 9110 §5.6.7) names, or null
 * when it is not one; `now` resolves RFC 850's two-digit years. Never throws.
 */
export function parseHttpDate(value: string, now: Date): Date | null {
  const trimmed = value.trim()
  const imf = IMF_FIXDATE.exec(trimmed)
  if (imf !== null) return utcDate(imf[3], imf[2], imf[1], imf[4], imf[5], imf[6])
  const rfc850 = RFC850_DATE.exec(trimmed)
  if (rfc850 !== null) {
    const date = utcDate(`20${rfc850[3] ?? ''}`, rfc850[2], rfc850[1], rfc850[4], rfc850[5], rfc850[6])
    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
    if (date !== null && date.getUTCFullYear() - now.getUTCFullYear() > 50) {
      date.setUTCFullYear(date.getUTCFullYear() - 100)
    }
    return date
  }
  const asctime = ASCTIME_DATE.exec(trimmed)
  if (asctime !== null) return utcDate(asctime[6], asctime[1], asctime[2], asctime[3], asctime[4], asctime[5])
  return null
}

function parseDeltaSeconds(value: string | null): number | null {
  if (value === null || !DELTA_SECONDS.test(value)) return null
  return Math.min(Number(value), MAX_DELTA_SECONDS)
}

function utcDate(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
): Date | null {
  const monthIndex = MONTHS.indexOf((month ?? '').toLowerCase())
  const parts = [year, day, hour, minute, second].map(Number)
  const [y = NaN, d = NaN, h = NaN, m = NaN, s = NaN] = parts
  if (monthIndex === -1 || parts.some(Number.isNaN)) return null
  const date = new Date(Date.UTC(y, monthIndex, d, h, m, s))
  // Date.UTC rolls 31 Feb over into March; a date that does not round-trip was not a real date.
  const roundTrips =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === monthIndex &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === m &&
    date.getUTCSeconds() === s
  return roundTrips ? date : null
}
