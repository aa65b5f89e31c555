import { sql } from 'kysely'
import { NotFoundError } from '../errors.js'
import type { FeedRow } from '../db/index.js'
import { redactUrl } from '../fetch/index.js'
import type { Feed, FeedStatus, Redirect, ScheduleHints } from '../model/index.js'
import type { Executor } from './executor.js'

/** Maps a feeds row to the domain Feed. */
export function feedRowToFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    title: row.user_title ?? row.title,
    siteUrl: row.site_url,
    description: row.description,
    etag: row.etag,
    lastModified: row.last_modified,
    createdAt: row.created_at,
    lastFetchedAt: row.last_fetched_at,
    lastSuccessAt: row.last_success_at,
    nextFetchAt: row.next_fetch_at,
    errorCount: row.error_count,
    lastError: row.last_error_code === null ? null : { code: row.last_error_code, message: row.last_error_message ?? '' },
    disabledReason: row.disabled_reason,
    lastStatus: row.last_status,
    retryAfter: row.retry_after,
    pendingRedirect: row.redirect_target === null ? null : { url: row.redirect_target, seen: row.redirect_seen },
    lastRedirects: row.last_redirects,
    guidChanges: row.guid_changes,
    urlHistory: row.url_history.map((change) => ({ ...change, at: new Date(change.at) })),
    scheduleHints: scheduleHintsOf(row.schedule_hints),
  }
}

/** The stored hints, empty before the feed's first document. */
function scheduleHintsOf(hints: FeedRow['schedule_hints']): ScheduleHints {
  return {
    ttlMinutes: hints.ttlMinutes ?? null,
    updatePeriodSeconds: hints.updatePeriodSeconds ?? null,
    skipHours: hints.skipHours ?? [],
    skipDays: hints.skipDays ?? [],
    publishIntervalSeconds: hints.publishIntervalSeconds ?? null,
  }
}

/** Returns the feed with this id, or undefined. */
export async function findFeedById(db: Executor, id: number): Promise<Feed | undefined> {
  const row = await db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst()
  return row && feedRowToFeed(row)
}

/** Returns the feed with this exact URL, or undefined. */
export async function findFeedByUrl(db: Executor, url: string): Promise<Feed | undefined> {
  const row = await db.selectFrom('feeds').selectAll().where('url', '=', url).executeTakeFirst()
  return row && feedRowToFeed(row)
}

/** Resolves a user's reference (numeric id or URL) to a feed; throws NotFoundError. */
export async function getFeedByRefOrThrow(db: Executor, ref: string): Promise<Feed> {
  const feed = /^\d+$/.test(ref) && Number(ref) <= 2_147_483_647
    ? await findFeedById(db, Number(ref))
    : await findFeedByUrl(db, ref)
  if (feed === undefined) throw new NotFoundError(`feeds: no feed ${redactUrl(ref)}`)
  return feed
}

/** Lists every feed with its item count and collections, ordered by id. */
export async function listFeedStatuses(db: Executor, filter: { ids?: readonly number[] } = {}): Promise<FeedStatus[]> {
  let query = db
    .selectFrom('feeds')
    .selectAll('feeds')
    .select((eb) => [
      eb.selectFrom('items').whereRef('items.feed_id', '=', 'feeds.id').select(eb.fn.countAll<string>().as('n')).as('item_count'),
      sql<string[]>`coalesce((
        select json_agg(c.name order by c.name) from collection_feeds cf
        join collections c on c.id = cf.collection_id where cf.feed_id = feeds.id), '[]'::json)`.as('collection_names'),
    ])
    .orderBy('feeds.id')
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return []
    query = query.where('feeds.id', 'in', filter.ids)
  }
  const rows = await query.execute()
  return rows.map((row) => ({
    ...feedRowToFeed(row),
    itemCount: Number(row.item_count ?? 0),
    collections: row.collection_names,
  }))
}

/** Returns one feed with its status; throws NotFoundError. */
export async function getFeedStatusOrThrow(db: Executor, id: number): Promise<FeedStatus> {
  const [status] = await listFeedStatuses(db, { ids: [id] })
  if (status === undefined) throw new NotFoundError(`feeds: no feed ${id}`)
  return status
}

/**
 * Deletes a feed, its items, and the stories no other feed still carries. Throws NotFoundError.
 * Run it in a transaction so a story is never left without items.
 */
export async function deleteFeed(db: Executor, id: number): Promise<void> {
  const storyIds = db.selectFrom('items').select('story_id').where('feed_id', '=', id)
  const orphanCandidates = await storyIds.execute()
  const result = await db.deleteFrom('feeds').where('id', '=', id).executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new NotFoundError(`feeds: no feed ${id}`)
  const candidateIds = orphanCandidates.map((r) => r.story_id)
  if (candidateIds.length > 0) {
    await db
      .deleteFrom('stories')
      .where('id', 'in', candidateIds)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('items').select('items.id').whereRef('items.story_id', '=', 'stories.id'))))
      .execute()
  }
}

/** What every fetch that got an answer records: status, redirect chain, and the redirect bookkeeping. */
interface FetchAnswer {
  readonly fetchedAt: Date
  readonly nextFetchAt: Date
  readonly httpStatus: number | null
  readonly redirects: readonly Redirect[]
  /** A permanent redirect awaiting confirmation, or null when this fetch saw none. */
  readonly pendingRedirect: { readonly url: string; readonly seen: number } | null
  /** Set when a permanent redirect is confirmed: the new URL to store. */
  readonly moveTo: string | null
}

/** What a successful fetch (200 or 304) changes on the feed row. */
export interface FetchSuccess extends FetchAnswer {
  readonly etag: string | null
  readonly lastModified: string | null
  /** Feed metadata and schedule hints from a 200; undefined on a 304, which leaves them as they were. */
  readonly document?: {
    readonly title: string | null
    readonly siteUrl: string | null
    readonly description: string | null
    readonly scheduleHints: ScheduleHints
  }
}

/** Records a successful fetch, clears the error state, and moves the URL when a permanent redirect is confirmed. */
export async function recordFetchSuccess(db: Executor, feed: Feed, success: FetchSuccess): Promise<void> {
  await db
    .updateTable('feeds')
    .set({
      ...answerColumns(feed, success),
      last_success_at: success.fetchedAt,
      etag: success.etag,
      last_modified: success.lastModified,
      error_count: 0,
      last_error_code: null,
      last_error_message: null,
      retry_after: null,
      ...(success.document && {
        title: success.document.title,
        site_url: success.document.siteUrl,
        description: success.document.description,
        schedule_hints: JSON.stringify(success.document.scheduleHints),
      }),
    })
    .where('id', '=', feed.id)
    .execute()
}

/** What a failed fetch records on the feed row. */
export interface FetchFailure extends FetchAnswer {
  readonly code: string
  readonly message: string
  /** A server's Retry-After; no fetch before it. */
  readonly retryAfter: Date | null
  /** Set when the failure ends fetching for good (410 Gone); null keeps the feed enabled. */
  readonly disabledReason: string | null
}

/** Records a failed fetch: increments the consecutive error count and schedules the retry. */
export async function recordFetchFailure(db: Executor, feed: Feed, failure: FetchFailure): Promise<void> {
  await db
    .updateTable('feeds')
    .set((eb) => ({
      ...answerColumns(feed, failure),
      error_count: eb('error_count', '+', 1),
      last_error_code: failure.code,
      last_error_message: failure.message,
      retry_after: failure.retryAfter,
      disabled_reason: failure.disabledReason,
    }))
    .where('id', '=', feed.id)
    .execute()
}

function answerColumns(feed: Feed, answer: FetchAnswer) {
  return {
    // The fetch is over: the worker's claim ends with it.
    lease_owner: null,
    lease_expires_at: null,
    last_fetched_at: answer.fetchedAt,
    next_fetch_at: answer.nextFetchAt,
    last_status: answer.httpStatus,
    last_redirects: JSON.stringify(answer.redirects),
    redirect_target: answer.pendingRedirect?.url ?? null,
    redirect_seen: answer.pendingRedirect?.seen ?? 0,
    ...(answer.moveTo !== null && {
      url: answer.moveTo,
      url_history: JSON.stringify([
        ...feed.urlHistory.map((change) => ({ ...change, at: change.at.toISOString() })),
        { from: feed.url, to: answer.moveTo, at: answer.fetchedAt.toISOString() },
      ]),
    }),
  }
}

/** Re-enables a disabled feed and makes it due now; throws NotFoundError. */
export async function enableFeed(db: Executor, feedId: number, now: Date): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set({ disabled_reason: null, error_count: 0, next_fetch_at: now })
    .where('id', '=', feedId)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new NotFoundError(`feeds: no feed ${feedId}`)
}

/** Returns how many feeds exist; `npm start` seeds the example list only into an empty database. */
export async function countFeeds(db: Executor): Promise<number> {
  const row = await db.selectFrom('feeds').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Seconds the most overdue enabled feed has waited past its next fetch time; 0 when none is overdue. */
export async function oldestOverdueSeconds(db: Executor, now: Date): Promise<number> {
  const row = await db
    .selectFrom('feeds')
    .select((eb) => eb.fn.min('next_fetch_at').as('oldest'))
    .where('disabled_reason', 'is', null)
    .where('next_fetch_at', '<=', now)
    .executeTakeFirst()
  const oldest = row?.oldest as Date | null | undefined
  return oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0
}
