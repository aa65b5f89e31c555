import type { CacheHints } from '../model/index.js'

/** Bounds on how often a feed is fetched, whatever the server or the feed asks for. */
export interface IntervalPolicy {
  readonly defaultSeconds: number
  readonly minSeconds: number
  readonly maxSeconds: number
}

/** What a successful fetch told us about when to come back. */
export interface FreshnessHints {
  /** Response headers: Cache-Control max-age / s-maxage, Expires. */
  readonly cache: CacheHints | null
  /** RSS `<ttl>`, minutes. */
  readonly ttlMinutes: number | null
  /** `sy:updatePeriod` × `sy:updateFrequency`, seconds. */
  readonly updatePeriodSeconds: number | null
  /** RSS `<skipHours>` (0-23) and `<skipDays>` (0 = Sunday), in GMT. */
  readonly skipHours: readonly number[]
  readonly skipDays: readonly number[]
  /** How often the feed has been publishing lately (see observedPublishInterval); null when unknown. */
  readonly publishIntervalSeconds?: number | null
}

const HOUR_MS = 3_600_000
const WEEK_SECONDS = 7 * 24 * 3600

/**
 * The feed's recent publishing rate as an interval: a week divided by the items dated within the last
 * week (so a feed that posts every 20 minutes is polled about that often), a week when it posted
 * nothing lately but has dated items, null when no item has a date. Future dates are ignored.
 */
export function observedPublishInterval(dates: readonly (Date | null)[], now: Date): number | null {
  const known = dates.filter((d): d is Date => d !== null && d.getTime() <= now.getTime())
  if (known.length === 0) return null
  const recent = known.filter((d) => now.getTime() - d.getTime() <= WEEK_SECONDS * 1000).length
  return recent === 0 ? WEEK_SECONDS : Math.round(WEEK_SECONDS / recent)
}

/**
 * Returns when to fetch a healthy feed next: the feed's observed publishing interval (else the default),
 * stretched (never shortened) by the server's freshness (Cache-Control, Expires), the feed's `<ttl>` and
 * `sy:updatePeriod`, plus up to 10% jitter from `random` so feeds subscribed together drift apart,
 * clamped to the bounds, then moved out of the feed's `<skipHours>`/`<skipDays>` as long as that stays
 * within the maximum.
 */
export function nextFetchAfterSuccess(now: Date, policy: IntervalPolicy, hints: FreshnessHints, random: () => number = Math.random): Date {
  const { cache } = hints
  const wishes = [hints.publishIntervalSeconds ?? policy.defaultSeconds]
  if (cache?.maxAgeSeconds != null) wishes.push(cache.maxAgeSeconds)
  else if (cache?.expiresAt != null) wishes.push((cache.expiresAt.getTime() - now.getTime()) / 1000)
  if (hints.ttlMinutes !== null) wishes.push(hints.ttlMinutes * 60)
  if (hints.updatePeriodSeconds !== null) wishes.push(hints.updatePeriodSeconds)
  const seconds = Math.min(policy.maxSeconds, Math.max(policy.minSeconds, ...wishes) * (1 + 0.1 * random()))
  const next = new Date(now.getTime() + Math.round(seconds) * 1000)
  const latest = new Date(now.getTime() + policy.maxSeconds * 1000)
  return outsideSkipWindows(next, hints.skipHours, hints.skipDays, latest)
}

/**
 * RSS 2.0 skipHours/skipDays: the first whole hour at or after `time` that is not skipped, or `latest`
 * when none comes before it (a feed never goes longer than the maximum interval unchecked). A feed
 * that skips every hour or every day is ignored as broken.
 */
function outsideSkipWindows(time: Date, skipHours: readonly number[], skipDays: readonly number[], latest: Date): Date {
  const hours = new Set(skipHours)
  const days = new Set(skipDays)
  if (hours.size >= 24) hours.clear()
  if (days.size >= 7) days.clear()
  const skipped = (t: Date): boolean => hours.has(t.getUTCHours()) || days.has(t.getUTCDay())
  if (!skipped(time)) return time
  let candidate = new Date(Math.ceil(time.getTime() / HOUR_MS) * HOUR_MS)
  while (candidate <= latest) {
    if (!skipped(candidate)) return candidate
    candidate = new Date(candidate.getTime() + HOUR_MS)
  }
  return latest
}

/**
 * Returns when to retry after the `errorCount`-th consecutive failure: exponential backoff from the
 * minimum interval up to the maximum, with up to 10% jitter from `random` so broken feeds don't align;
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
