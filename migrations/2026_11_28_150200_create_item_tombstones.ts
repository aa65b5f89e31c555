import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // A pruned item leaves its key behind so the next fetch of a feed that still lists it does not
  // bring it back as new.
  await sql`
    create table item_tombstones (
      feed_id integer not null references feeds (id) on delete cascade,
      item_key text not null,
      pruned_at timestamptz not null,
      primary key (feed_id, item_key)
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table item_tombstones`.execute(db)
}
