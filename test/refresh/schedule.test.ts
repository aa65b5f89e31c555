import { describe, expect, it } from 'vitest'
import { nextFetchAfterFailure, nextFetchAfterSuccess } from '../../src/refresh/index.js'

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
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { cache, ttlMinutes, updatePeriodSeconds, skipHours: [], skipDays: [] }))).toBe(expected)
  })

  it('moves the next fetch out of skipHours and skipDays (GMT), to the next whole hour', () => {
    const hints = { cache: null, ttlMinutes: null, updatePeriodSeconds: null, skipDays: [] }
    // NOW is 00:00 on a Sunday; the default interval lands at 01:00.
    expect(nextFetchAfterSuccess(NOW, policy, { ...hints, skipHours: [1, 2, 3] }).toISOString()).toBe('2026-03-01T04:00:00.000Z')
    expect(nextFetchAfterSuccess(new Date('2026-03-01T00:20:00Z'), policy, { ...hints, skipHours: [1] }).toISOString()).toBe('2026-03-01T02:00:00.000Z')
    expect(nextFetchAfterSuccess(NOW, policy, { ...hints, skipHours: [], skipDays: [0] }).toISOString()).toBe('2026-03-02T00:00:00.000Z')
  })

  it('never waits past the maximum interval for a skip window, and ignores a feed that skips every hour', () => {
    const hints = { cache: null, ttlMinutes: null, updatePeriodSeconds: null }
    expect(nextFetchAfterSuccess(NOW, policy, { ...hints, skipHours: [], skipDays: [0, 1] }).toISOString()).toBe('2026-03-02T00:00:00.000Z')
    const everyHour = Array.from({ length: 24 }, (_, h) => h)
    expect(nextFetchAfterSuccess(NOW, policy, { ...hints, skipHours: everyHour, skipDays: [] }).toISOString()).toBe('2026-03-01T01:00:00.000Z')
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
