import { describe, expect, it } from 'vitest'
import { nextFetchAfterFailure, nextFetchAfterSuccess, observedPublishInterval } from '../../src/refresh/index.js'

const NOW = new Date('2026-03-01T00:00:00.000Z')
const policy = { defaultSeconds: 3600, minSeconds: 300, maxSeconds: 86_400 }
const seconds = (date: Date): number => (date.getTime() - NOW.getTime()) / 1000

describe('nextFetchAfterSuccess', () => {
  const cacheOf = (maxAgeSeconds: number | null, expiresAt: Date | null = null) => ({ maxAgeSeconds, expiresAt, retryAt: null })
  it.each([
    ['no hints: the default interval', null, null, null, 3600],
    ['a longer max-age stretches it', cacheOf(7200), null, null, 7200],
    ['a shorter max-age never shortens it', cacheOf(60), null, null, 3600],
    ['Expires counts when there is no max-age', cacheOf(null, new Date(NOW.getTime() + 5_400_000)), null, null, 5400],
    ['the RSS ttl stretches it', null, 180, null, 10_800],
    ['sy:updatePeriod stretches it', null, null, 21_600, 21_600],
    ['a year-long max-age is clamped to a day', cacheOf(31_536_000), null, null, 86_400],
  ])('%s', (_name, cache, ttlMinutes, updatePeriodSeconds, expected) => {
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { cache, ttlMinutes, updatePeriodSeconds, skipHours: [], skipDays: [] }, () => 0))).toBe(expected)
  })

  it('moves the next fetch out of skipHours and skipDays (GMT), to the next whole hour', () => {
    const hints = { cache: null, ttlMinutes: null, updatePeriodSeconds: null, skipDays: [] }
    // NOW is 00:00 on a Sunday; the default interval lands at 01:00.
    expect(nextFetchAfterSuccess(NOW, policy, { ...hints, skipHours: [1, 2, 3] }, () => 0).toISOString()).toBe('2026-03-01T04:00:00.000Z')
    expect(nextFetchAfterSuccess(new Date('2026-03-01T00:20:00Z'), policy, { ...hints, skipHours: [1] }, () => 0).toISOString()).toBe('2026-03-01T02:00:00.000Z')
    expect(nextFetchAfterSuccess(NOW, policy, { ...hints, skipHours: [], skipDays: [0] }, () => 0).toISOString()).toBe('2026-03-02T00:00:00.000Z')
  })

  it('never waits past the maximum interval for a skip window, and ignores a feed that skips every hour', () => {
    const hints = { cache: null, ttlMinutes: null, updatePeriodSeconds: null }
    expect(nextFetchAfterSuccess(NOW, policy, { ...hints, skipHours: [], skipDays: [0, 1] }, () => 0).toISOString()).toBe('2026-03-02T00:00:00.000Z')
    const everyHour = Array.from({ length: 24 }, (_, h) => h)
    expect(nextFetchAfterSuccess(NOW, policy, { ...hints, skipHours: everyHour, skipDays: [] }, () => 0).toISOString()).toBe('2026-03-01T01:00:00.000Z')
  })
})

describe('adaptive interval', () => {
  const none = { cache: null, ttlMinutes: null, updatePeriodSeconds: null, skipHours: [], skipDays: [] }
  const ago = (hours: number): Date => new Date(NOW.getTime() - hours * 3_600_000)

  it.each([
    ['no dated items: unknown', [null, null], null],
    ['one item a day this week', [1, 25, 49, 73, 97, 121, 145].map(ago), 86_400],
    ['three items an hour this week (504)', Array.from({ length: 504 }, (_, n) => ago(n / 3)), 1200],
    ['nothing this week: a week', [ago(200), ago(400)], 604_800],
    ['future dates do not count', [new Date(NOW.getTime() + 3_600_000), ago(200)], 604_800],
  ])('%s', (_name, dates, expected) => {
    expect(observedPublishInterval(dates, NOW)).toBe(expected)
  })

  it('polls a busy feed more often and a quiet one less, within the bounds, never sooner than the server asks', () => {
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { ...none, publishIntervalSeconds: 1200 }, () => 0))).toBe(1200)
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { ...none, publishIntervalSeconds: 60 }, () => 0))).toBe(300)
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { ...none, publishIntervalSeconds: 604_800 }, () => 0))).toBe(86_400)
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { ...none, ttlMinutes: 60, publishIntervalSeconds: 1200 }, () => 0))).toBe(3600)
  })

  it('adds up to 10% jitter, and the maximum still holds', () => {
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { ...none, publishIntervalSeconds: 1200 }, () => 0.5))).toBe(1260)
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { ...none, publishIntervalSeconds: 86_400 }, () => 0.99))).toBe(86_400)
  })
})

describe('nextFetchAfterFailure', () => {
  it.each([
    [1, 0, 300], [2, 0, 600], [3, 0, 1200], [1, 1, 330], [9, 0, 76_800], [12, 0, 86_400], [50, 1, 86_400],
  ])('after %i failures with jitter %d waits %i s', (errorCount, jitter, expected) => {
    expect(seconds(nextFetchAfterFailure(NOW, policy, { errorCount, retryAt: null }, () => jitter))).toBe(expected)
  })

  it('never retries before Retry-After', () => {
    const retryAt = new Date(NOW.getTime() + 3 * 3_600_000)
    expect(nextFetchAfterFailure(NOW, policy, { errorCount: 1, retryAt }, () => 0)).toEqual(retryAt)
  })
})
