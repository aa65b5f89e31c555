import { sql } from 'kysely'
import type { Executor } from './executor.js'

/** How long items are kept; 0 turns a limit off. */
export interface RetentionPolicy {
  /** Items whose date is older than this many days go. */
  readonly maxAgeDays: number
  /** Beyond this many newest items of one feed, the older ones go. */
  readonly maxItemsPerFeed: number
}

/** What a prune removed (or, in a dry run, would remove), per feed. */
export interface PruneSummary {
  readonly items: number
  readonly stories: number
  readonly byFeed: readonly { readonly feedId: number; readonly items: number }[]
}

/** True when the policy keeps everything, so there is nothing to prune. */
export function keepsEverything(policy: RetentionPolicy): boolean {
  return policy.maxAgeDays <= 0 && policy.maxItemsPerFeed <= 0
}

function expiredItems(db: Executor, policy: RetentionPolicy, now: Date) {
  const cutoff = new Date(now.getTime() - policy.maxAgeDays * 86_400_000)
  return sql<{ id: string; feed_id: number; item_key: string; story_id: string }>`
    select id, feed_id, item_key, story_id from (
      select i.id, i.feed_id, i.item_key, i.story_id, i.sort_at,
        row_number() over (partition by i.feed_id order by i.sort_at desc, i.id desc) as position
      from items i
    ) ranked
    where (${policy.maxAgeDays > 0} and sort_at < ${cutoff})
       or (${policy.maxItemsPerFeed > 0} and position > ${policy.maxItemsPerFeed})`
}

/** Counts, per feed, the items the policy would remove now, and the stories that would go with them. */
export async function previewPrune(db: Executor, policy: RetentionPolicy, now: Date): Promise<PruneSummary> {
  if (keepsEverything(policy)) return { items: 0, stories: 0, byFeed: [] }
  const { rows } = await sql<{ feed_id: number; items: string }>`
    select e.feed_id, count(*) as items from (${expiredItems(db, policy, now)}) e group by e.feed_id order by e.feed_id`.execute(db)
  const stories = await sql<{ n: string }>`
    select count(*) as n from stories s
    where exists (select 1 from (${expiredItems(db, policy, now)}) e where e.story_id = s.id)
      and not exists (
        select 1 from items i where i.story_id = s.id
        and i.id not in (select e.id from (${expiredItems(db, policy, now)}) e))`.execute(db)
  const byFeed = rows.map((r) => ({ feedId: r.feed_id, items: Number(r.items) }))
  return { items: byFeed.reduce((sum, f) => sum + f.items, 0), stories: Number(stories.rows[0]?.n ?? 0), byFeed }
}

/**
 * Removes up to `batchSize` expired items, leaving a tombstone for each so a feed that still lists
 * one never brings it back as new, and deletes the stories left without items. Returns what went;
 * call it until it removes nothing. Run it in a transaction.
 */
export async function pruneBatch(db: Executor, policy: RetentionPolicy, now: Date, batchSize: number): Promise<PruneSummary> {
  if (keepsEverything(policy)) return { items: 0, stories: 0, byFeed: [] }
  const { rows } = await sql<{ id: string; feed_id: number; item_key: string; story_id: string }>`
    ${expiredItems(db, policy, now)} limit ${batchSize}`.execute(db)
  if (rows.length === 0) return { items: 0, stories: 0, byFeed: [] }
  await db
    .insertInto('item_tombstones')
    .values(rows.map((r) => ({ feed_id: r.feed_id, item_key: r.item_key, pruned_at: now })))
    .onConflict((oc) => oc.columns(['feed_id', 'item_key']).doNothing())
    .execute()
  await db.deleteFrom('items').where('id', 'in', rows.map((r) => r.id)).execute()
  const orphaned = await db
    .deleteFrom('stories')
    .where('id', 'in', [...new Set(rows.map((r) => r.story_id))])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('items').select('items.id').whereRef('items.story_id', '=', 'stories.id'))))
    .executeTakeFirst()
  const counts = new Map<number, number>()
  for (const row of rows) counts.set(row.feed_id, (counts.get(row.feed_id) ?? 0) + 1)
  return {
    items: rows.length,
    stories: Number(orphaned.numDeletedRows),
    byFeed: [...counts].map(([feedId, items]) => ({ feedId, items })).sort((a, b) => a.feedId - b.feedId),
  }
}
