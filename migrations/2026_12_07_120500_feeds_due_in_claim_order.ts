import { sql, type Kysely } from 'kysely'

// A claim takes the due feeds in (next_fetch_at, id) order. With the index on next_fetch_at alone, a
// pass that made every feed due at the same instant (`fetch --all`) sorted all of them by id at each
// claim: 20 ms a claim at 10,000 feeds, a claim per four feeds. In claim order the scan stops at the limit.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index feeds_due_order_idx on feeds (next_fetch_at, id) where disabled_reason is null`.execute(db)
  await sql`drop index feeds_due_idx`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index feeds_due_idx on feeds (next_fetch_at) where disabled_reason is null`.execute(db)
  await sql`drop index feeds_due_order_idx`.execute(db)
}
