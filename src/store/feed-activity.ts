import { sql } from 'kysely'
import type { Executor } from './executor.js'

const DAY_MS = 86_400_000

/** Items per UTC day for each feed over a window of days ending today. */
export interface FeedActivity {
  /** The start (UTC midnight) of each day in the window, oldest first. */
  readonly days: readonly Date[]
  /** Per feed id, one count per day in `days`; a feed with no items in the window is absent. */
  readonly counts: ReadonlyMap<number, readonly number[]>
}

/**
 * Counts each feed's items per UTC day over the last `days` days (today included) in one grouped query.
 * Items count on their own date (first-seen time when undated), so a new subscription's backlog shows
 * on the days it was published, not as one spike on the day it was added.
 */
export async function listFeedActivity(db: Executor, options: { now: Date; days: number }): Promise<FeedActivity> {
  const today = Math.floor(options.now.getTime() / DAY_MS) * DAY_MS
  const start = new Date(today - (options.days - 1) * DAY_MS)
  const end = new Date(today + DAY_MS)
  const rows = await db
    .selectFrom('items')
    .select([
      'feed_id',
      // Day numbers from epoch arithmetic, so the session's time zone setting cannot shift a day.
      sql<number>`floor(extract(epoch from (sort_at - ${start}::timestamptz)) / 86400)::int`.as('day'),
      (eb) => eb.fn.countAll<string>().as('n'),
    ])
    .where('sort_at', '>=', start)
    .where('sort_at', '<', end)
    .groupBy(['feed_id', 'day'])
    .execute()
  const counts = new Map<number, number[]>()
  for (const row of rows) {
    const perDay = counts.get(row.feed_id) ?? new Array<number>(options.days).fill(0)
    perDay[row.day] = Number(row.n)
    counts.set(row.feed_id, perDay)
  }
  return { days: Array.from({ length: options.days }, (_, i) => new Date(start.getTime() + i * DAY_MS)), counts }
}
