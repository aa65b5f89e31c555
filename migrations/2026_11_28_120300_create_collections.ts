import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table collections (
      id integer generated always as identity primary key,
      name text not null unique,
      title text,
      description text,
      include_terms jsonb not null default '[]',
      exclude_terms jsonb not null default '[]',
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    create table collection_feeds (
      collection_id integer not null references collections (id) on delete cascade,
      feed_id integer not null references feeds (id) on delete cascade,
      primary key (collection_id, feed_id)
    )`.execute(db)
  await sql`create index collection_feeds_feed_idx on collection_feeds (feed_id)`.execute(db)
  // "all" always exists (SPEC); it has no member rows because it holds every feed.
  await sql`insert into collections (name, title) values ('all', 'All feeds')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table collection_feeds`.execute(db)
  await sql`drop table collections`.execute(db)
}
