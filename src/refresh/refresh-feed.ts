import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { storyMatcher } from '../dedupe/index.js'
import { AppError, coerceError } from '../errors.js'
import { FetchError, redactUrl } from '../fetch/index.js'
import type { Logger } from '../log/index.js'
import type { RefreshObserver } from '../metrics/index.js'
import type { Feed, FetchRequest, FetchResult, Redirect } from '../model/index.js'
import { findFeedByUrl, findLastRawHashes, recordFetchFailure, recordFetchSuccess, releaseFeedLease, upsertFeedItems } from '../store/index.js'
import type { FeedDocument, FeedDocumentInput } from '../worker-pool/index.js'
import { hostOf } from './host-of.js'
import { decidePermanentRedirect, type RedirectDecision } from './permanent-redirect.js'
import { nextFetchAfterFailure, nextFetchAfterSuccess, observedPublishInterval, type IntervalPolicy } from './schedule.js'

/** What refreshing needs from the outside world, passed in by the composition root (cli/). */
export interface RefreshDeps {
  readonly db: Kysely<Database>
  readonly log: Logger
  /** The fetch stage, already configured with timeouts, size cap and address guard. */
  readonly fetchFeed: (request: FetchRequest, options?: { readonly signal?: AbortSignal }) => Promise<FetchResult>
  /** The CPU stages (parse → normalize → identify → match data), run where a hostile document can be stopped (worker-pool/). */
  readonly readFeed: (input: FeedDocumentInput) => Promise<FeedDocument>
  readonly intervals: IntervalPolicy
  /** Fetches in a row that must see the same permanent redirect before the stored URL changes. */
  readonly redirectConfirmations: number
  readonly now: () => Date
  /** Jitter source for the next fetch time (0 ≤ x < 1); Math.random unless a test fixes it. */
  readonly random?: () => number
  /** Receives fetch, parse and store figures (metrics); optional so tools and tests can leave it out. */
  readonly observer?: RefreshObserver
}

/** The outcome of refreshing one feed; refreshFeed never throws. */
export type RefreshResult =
  | { readonly feedId: number; readonly url: string; readonly status: 'updated'; readonly created: number; readonly updated: number; readonly unchanged: number; readonly matches: Readonly<Record<string, number>>; readonly durationMs: number }
  | { readonly feedId: number; readonly url: string; readonly status: 'not-modified'; readonly durationMs: number }
  | { readonly feedId: number; readonly url: string; readonly status: 'failed'; readonly code: string; readonly message: string; readonly durationMs: number }

/** Error codes that end fetching until a user re-enables the feed. */
const DISABLING_CODES: Record<string, string> = {
  fetch_gone: 'gone: the server answered 410 Gone',
}

/** How a pass runs one feed: whose lease it holds, and the signal that cancels the fetch (shutdown). */
export interface RefreshFeedOptions {
  readonly owner?: string
  readonly signal?: AbortSignal
}

/**
 * Fetches, parses, normalizes, identifies and stores one feed, then records its fetch state (which ends
 * the worker's lease); items and state are written in one transaction so a crash never half-applies a
 * document. Never throws.
 */
export async function refreshFeed(deps: RefreshDeps, feed: Feed, options: RefreshFeedOptions = {}): Promise<RefreshResult> {
  const started = deps.now()
  const log = deps.log.child({ feed_id: feed.id, feed_url: redactUrl(feed.url) })
  const base = { feedId: feed.id, url: redactUrl(feed.url) }
  try {
    const fetched = await deps.fetchFeed(
      { url: feed.url, etag: feed.etag, lastModified: feed.lastModified },
      options.signal && { signal: options.signal },
    )
    const fetchSeconds = (deps.now().getTime() - started.getTime()) / 1000
    const redirect = await decideRedirect(deps, feed, fetched.redirects, log)
    if (fetched.status === 'not-modified') {
      const now = deps.now()
      await recordFetchSuccess(deps.db, feed, {
        fetchedAt: now,
        nextFetchAt: nextFetchAfterSuccess(now, deps.intervals, { cache: fetched.cache, ...feed.scheduleHints }, deps.random),
        httpStatus: 304,
        redirects: fetched.redirects,
        ...redirect,
        // A 304 may carry new validators (RFC 9111 §4.3.4); otherwise the stored ones still hold.
        etag: fetched.etag ?? feed.etag,
        lastModified: fetched.lastModified ?? feed.lastModified,
      })
      const durationMs = deps.now().getTime() - started.getTime()
      deps.observer?.fetchFinished('not_modified', hostOf(feed.url), fetchSeconds)
      log.debug({ duration_ms: durationMs }, 'feed not modified')
      return { ...base, status: 'not-modified', durationMs }
    }
    // Entries as they were at the last stored document are only identified, not read again in full.
    const knownRawHashes = await findLastRawHashes(deps.db, feed.id)
    const parseStarted = performance.now()
    const now = deps.now()
    const document = await deps.readFeed({
      body: fetched.body, url: fetched.finalUrl, contentType: fetched.contentType, now, feedId: feed.id, storedTitle: feed.title, knownRawHashes,
    })
    deps.observer?.parseFinished((performance.now() - parseStarted) / 1000)
    const scheduleHints = {
      ttlMinutes: document.ttlMinutes,
      updatePeriodSeconds: document.updatePeriodSeconds,
      skipHours: document.skipHours,
      skipDays: document.skipDays,
      publishIntervalSeconds: observedPublishInterval(document.items.map((item) => item.publishedAt), now),
    }
    const counts = await storeOrThrowUnavailable(() => deps.db.transaction().execute(async (trx) => {
      await recordFetchSuccess(trx, feed, {
        fetchedAt: now,
        nextFetchAt: nextFetchAfterSuccess(now, deps.intervals, { cache: fetched.cache, ...scheduleHints }, deps.random),
        httpStatus: fetched.httpStatus,
        redirects: fetched.redirects,
        ...redirect,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        document: { title: document.title, siteUrl: document.siteUrl, description: document.description, scheduleHints },
      })
      // The items last: storing new ones ends holding the story lock until the commit.
      return upsertFeedItems(trx, feed.id, document.items, now, storyMatcher)
    }))
    const durationMs = deps.now().getTime() - started.getTime()
    deps.observer?.fetchFinished('updated', hostOf(feed.url), fetchSeconds)
    deps.observer?.itemsStored(counts)
    log.info({ duration_ms: durationMs, items_new: counts.created, items_updated: counts.updated }, 'feed refreshed')
    return { ...base, status: 'updated', ...counts, durationMs }
  } catch (thrown: unknown) {
    return recordFailure(deps, feed, log, coerceError(thrown), started, options.owner)
  }
}

const STORE_UNAVAILABLE = 'store_unavailable'

/** Runs the store transaction; losing the database there is not the feed's failure, and is marked so. */
async function storeOrThrowUnavailable<T>(store: () => Promise<T>): Promise<T> {
  try {
    return await store()
  } catch (thrown: unknown) {
    const err = coerceError(thrown)
    if (!isDatabaseUnavailable(err)) throw err
    throw new AppError(STORE_UNAVAILABLE, `store failed: ${err.message}`, { cause: err })
  }
}

/**
 * A lost or refused connection, or a server shutting down (SQLSTATE class 08, 57P01-57P03); any other
 * error while storing (a constraint, a bug) is the feed's failure and backs off like one.
 */
function isDatabaseUnavailable(err: Error): boolean {
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && (/^08/.test(code) || /^57P0[1-3]$/.test(code) || /^E(CONNRESET|CONNREFUSED|PIPE)$/.test(code))) return true
  return /Connection terminated|not queryable|Client has encountered a connection error/.test(err.message)
}

/** Applies the permanent-redirect rule, refusing a move onto a URL another feed already has. */
async function decideRedirect(deps: RefreshDeps, feed: Feed, redirects: readonly Redirect[], log: Logger): Promise<RedirectDecision> {
  const decision = decidePermanentRedirect(redirects, feed.pendingRedirect, deps.redirectConfirmations)
  if (decision.moveTo === null) return decision
  const moveTo = withCredentialsOf(feed.url, decision.moveTo)
  const other = await findFeedByUrl(deps.db, moveTo)
  if (other !== undefined) {
    log.warn({ to: decision.moveTo, other_feed_id: other.id }, 'permanent redirect to a URL already subscribed; keeping the old URL')
    return { pendingRedirect: { url: decision.moveTo, seen: deps.redirectConfirmations }, moveTo: null }
  }
  log.info({ to: decision.moveTo }, 'feed moved permanently')
  return { ...decision, moveTo }
}

/** Redirect targets come without the user's credentials; a move within the same origin keeps them. */
function withCredentialsOf(from: string, to: string): string {
  const source = new URL(from)
  const target = new URL(to)
  if ((source.username === '' && source.password === '') || source.origin !== target.origin) return to
  target.username = source.username
  target.password = source.password
  return target.href
}

async function recordFailure(deps: RefreshDeps, feed: Feed, log: Logger, err: Error, started: Date, owner: string | undefined): Promise<RefreshResult> {
  const code = err instanceof AppError ? err.code : 'internal_error'
  const message = err instanceof AppError ? err.message : `internal error: ${err.message}`
  const now = deps.now()
  const fetchError = err instanceof FetchError ? err : null
  const retryAt = fetchError?.retryAt ?? null
  const result: RefreshResult = { feedId: feed.id, url: redactUrl(feed.url), status: 'failed', code, message, durationMs: now.getTime() - started.getTime() }
  // The database failed while storing (a restart, a lost connection): nothing is wrong with the feed,
  // and nothing can be recorded now. The lease stays and expires, and any worker takes the feed then.
  if (code === STORE_UNAVAILABLE) {
    log.error({ err: err.message }, 'could not store the feed; it is fetched again when its lease expires')
    return result
  }
  // Our own shutdown cancelled the fetch: nothing is wrong with the feed; it stays due, free for any worker.
  if (code === 'fetch_aborted') {
    if (owner !== undefined) await releaseFeedLease(deps.db, feed.id, owner).catch((dbErr: unknown) => log.warn({ err: coerceError(dbErr) }, 'could not release lease'))
    return result
  }
  deps.observer?.fetchFinished(code, hostOf(feed.url), result.durationMs / 1000)
  if (code === 'internal_error') log.error({ err }, 'feed refresh failed')
  else log.warn({ code, err: err.message }, 'feed refresh failed')
  try {
    await recordFetchFailure(deps.db, feed, {
      fetchedAt: now,
      nextFetchAt: nextFetchAfterFailure(now, deps.intervals, { errorCount: feed.errorCount + 1, retryAt }, deps.random),
      httpStatus: fetchError?.httpStatus ?? null,
      redirects: [],
      pendingRedirect: feed.pendingRedirect,
      moveTo: null,
      code,
      message,
      retryAfter: retryAt !== null && retryAt > now ? retryAt : null,
      disabledReason: DISABLING_CODES[code] ?? null,
    })
  } catch (dbErr: unknown) {
    log.error({ err: coerceError(dbErr) }, 'could not record feed failure')
  }
  return result
}
