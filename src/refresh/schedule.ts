import type { CacheHints } from '../model/index.js'

/** Bounds on how often a feed is fetched, whatever the server or the feed asks for. */
export interface IntervalPolicy {
  readonly defaultSeconds: number
  readonly minSeconds: number
  readonly maxSeconds: number
}

/** Builds the interval policy: bounds are 5 minutes and 24 hours around the configured default. */
export function intervalPolicy(defaultSeconds: number): IntervalPolicy {
  return { defaultSeconds, minSeconds: Math.min(300, defaultSeconds), maxSeconds: Math.max(86_400, defaultSeconds) }
}

/**
 * Returns when to fetch a healthy feed next: the default interval, stretched (never shortened) by the
 * server's freshness (Cache-Control max-age, Expires) and the feed's RSS `<ttl>`, within the bounds.
 */
export function nextFetchAfterSuccess(now: Date, policy: IntervalPolicy, hints: { cache: CacheHints | null; ttlMinutes: number | null }): Date {
  let seconds = policy.defaultSeconds
  const { cache, ttlMinutes } = hints
  if (cache?.maxAgeSeconds != null) seconds = Math.max(seconds, cache.maxAgeSeconds)
  else if (cache?.expiresAt != null) seconds = Math.max(seconds, (cache.expiresAt.getTime() - now.getTime()) / 1000)
  if (ttlMinutes !== null) seconds = Math.max(seconds, ttlMinutes * 60)
  seconds = Math.min(policy.maxSeconds, Math.max(policy.minSeconds, seconds))
  return new Date(now.getTime() + Math.round(seconds) * 1000)
}

/**
 * Returns when to retry after the `errorCount`-th consecutive failure: exponential backoff from the
 * default interval up to the maximum, with up to 10% jitter from `random` so broken feeds don't align;
 * never before a server's Retry-After.
 */
export function nextFetchAfterFailure(
  now: Date,
  policy: IntervalPolicy,
  failure: { errorCount: number; retryAt: Date | null },
  random: () => number = Math.random,
): Date {
  const base = Math.min(policy.maxSeconds, policy.minSeconds * 2 ** Math.min(20, Math.max(0, failure.errorCount - 1)))
  const jittered = base * (1 + 0.1 * random())
  const backoff = new Date(now.getTime() + Math.round(Math.min(policy.maxSeconds, jittered) * 1000))
  return failure.retryAt !== null && failure.retryAt > backoff ? failure.retryAt : backoff
}
