import { describe, expect, it } from 'vitest'
import { intervalPolicy, nextFetchAfterFailure, nextFetchAfterSuccess } from '../../src/refresh/index.js'

const NOW = new Date('2026-03-01T00:00:00.000Z')
const policy = intervalPolicy(3600)
const seconds = (date: Date): number => (date.getTime() - NOW.getTime()) / 1000

describe('nextFetchAfterSuccess', () => {
  it.each([
    ['no hints: the default interval', null, null, 3600],
    ['a longer max-age stretches it', { maxAgeSeconds: 7200, expiresAt: null, retryAt: null }, null, 7200],
    ['a shorter max-age never shortens it', { maxAgeSeconds: 60, expiresAt: null, retryAt: null }, null, 3600],
    ['Expires counts when there is no max-age', { maxAgeSeconds: null, expiresAt: new Date(NOW.getTime() + 5_400_000), retryAt: null }, null, 5400],
    ['the RSS ttl stretches it', null, 180, 10_800],
    ['a year-long max-age is clamped to a day', { maxAgeSeconds: 31_536_000, expiresAt: null, retryAt: null }, null, 86_400],
  ])('%s', (_name, cache, ttlMinutes, expected) => {
    expect(seconds(nextFetchAfterSuccess(NOW, policy, { cache, ttlMinutes }))).toBe(expected)
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
