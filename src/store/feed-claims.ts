import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { Database, FeedRow } from '../db/index.js'
import type { Feed } from '../model/index.js'
import type { Executor } from './executor.js'
import { feedRowToFeed } from './feeds.js'

/** What one worker asks for when it has room for more fetches. */
export interface FeedClaim {
  /** Names the worker holding the lease, unique per process. */
  readonly owner: string
  readonly limit: number
  /** No host gets more leases than this, counting every worker's. */
  readonly perHost: number
  readonly leaseSeconds: number
  /** Only feeds due at or before this time: a pass never takes a feed twice, even one that is due again. */
  readonly dueBy: Date
}

/**
 * Due feeds looked at per feed wanted. The first of them is always on a host with a free slot, so a
 * claim takes at least one feed while any is claimable; many due feeds on one host only make it smaller.
 */
const CANDIDATES_PER_CLAIM = 16

/** Key of the advisory lock that makes claims take turns, so that per-host counts are exact across workers. */
const CLAIM_LOCK = 0x7472_6962 // "trib"

/**
 * Leases up to `limit` due feeds to `owner`, oldest due first, taking on each host only what its budget
 * leaves free. Rows locked by another transaction are skipped (`FOR UPDATE SKIP LOCKED`), not waited for;
 * an expired lease (a crashed worker) counts as free.
 */
export async function claimDueFeeds(db: Kysely<Database>, claim: FeedClaim): Promise<Feed[]> {
  if (claim.limit <= 0) return []
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(trx)
    const { rows } = await sql<FeedRow>`
      with busy as (
        select host, count(*) as leased from feeds
        where lease_owner is not null and lease_expires_at > now()
        group by host
      ), candidates as (
        -- The oldest due feeds on hosts with a free slot, a bounded number: ranking every due feed at
        -- each claim made a pass over n feeds cost n² / batch.
        select f.id, f.host, f.next_fetch_at from feeds f
        where ${claimable(claim.dueBy)}
          and f.host not in (select host from busy where leased >= ${claim.perHost})
        order by f.next_fetch_at, f.id
        limit ${claim.limit * CANDIDATES_PER_CLAIM}
      ), due as (
        select c.id, c.next_fetch_at,
          row_number() over (partition by c.host order by c.next_fetch_at, c.id) + coalesce(b.leased, 0) as host_slot
        from candidates c left join busy b on b.host = c.host
      ), picked as (
        select id from feeds
        where id in (select id from due where host_slot <= ${claim.perHost} order by next_fetch_at, id limit ${claim.limit})
        for update skip locked
      )
      update feeds set lease_owner = ${claim.owner}, lease_expires_at = now() + make_interval(secs => ${claim.leaseSeconds})
      from picked where feeds.id = picked.id
      returning feeds.*`.execute(trx)
    return rows.map(feedRowToFeed).sort((a, b) => a.nextFetchAt.getTime() - b.nextFetchAt.getTime() || a.id - b.id)
  })
}

/** Gives a feed back without recording a fetch (the fetch was cancelled); it stays due. */
export async function releaseFeedLease(db: Executor, feedId: number, owner: string): Promise<void> {
  await db.updateTable('feeds').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', feedId).where('lease_owner', '=', owner).execute()
}

/** Gives back every lease `owner` holds (shutdown); returns how many. */
export async function releaseLeases(db: Executor, owner: string): Promise<number> {
  const result = await db.updateTable('feeds').set({ lease_owner: null, lease_expires_at: null }).where('lease_owner', '=', owner).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Gives back every lease (the embedded database at start, when no other process can hold one). */
export async function releaseAllLeases(db: Executor): Promise<void> {
  await db.updateTable('feeds').set({ lease_owner: null, lease_expires_at: null }).where('lease_owner', 'is not', null).execute()
}

/** Makes every enabled feed due now (`fetch --all`); a feed inside a Retry-After window keeps waiting. */
export async function makeAllFeedsDue(db: Executor, now: Date): Promise<void> {
  await db
    .updateTable('feeds')
    .set({ next_fetch_at: now })
    .where('disabled_reason', 'is', null)
    .where('next_fetch_at', '>', now)
    .where((eb) => eb.or([eb('retry_after', 'is', null), eb('retry_after', '<=', now)]))
    .execute()
}

/** How many enabled feeds are due by `dueBy` and not leased: the size of a pass, for progress output. */
export async function countDueFeeds(db: Executor, dueBy: Date): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from feeds f where ${claimable(dueBy)}`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

/** A feed `f` a worker may take now: enabled, due by `dueBy`, outside any Retry-After window, not leased. */
function claimable(dueBy: Date): RawBuilder<SqlBool> {
  return sql<SqlBool>`f.disabled_reason is null
    and f.next_fetch_at <= ${dueBy}
    and (f.retry_after is null or f.retry_after <= ${dueBy})
    and (f.lease_expires_at is null or f.lease_expires_at <= now())`
}
