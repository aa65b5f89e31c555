import { sql, type Kysely } from 'kysely'

// Each transaction that adds items records their ids here, under the story lock just before it
// commits, so `seq` is commit order. A writer inserts its items before taking the lock and then reads
// only the batches committed since its candidate lookup (seq above the last one it saw), instead of
// looking every candidate up again while holding the lock. Rows are needed only while a writer that
// saw an older seq is still running; they are pruned after a day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table item_batches (
      seq bigint generated always as identity primary key,
      item_ids bigint[] not null,
      stored_at timestamptz not null
    )`.execute(db)
  await sql`create index item_batches_stored_idx on item_batches (stored_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table item_batches`.execute(db)
}
