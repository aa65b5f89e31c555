import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // sort_at: an item without a date keeps the time it was first seen (SPEC), so ordering never jumps.
  // search_vector is bounded with left(): a tsvector over 1 MB is an error, and titles weigh more than text.
  await sql`
    create table items (
      id bigint generated always as identity primary key,
      feed_id integer not null references feeds (id) on delete cascade,
      story_id bigint not null references stories (id),
      item_key text not null,
      guid text,
      url text,
      canonical_url text,
      title text not null,
      author text,
      summary text,
      content_html text,
      published_at timestamptz,
      updated_at timestamptz,
      first_seen_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      sort_at timestamptz generated always as (coalesce(published_at, first_seen_at)) stored,
      content_hash text not null,
      categories jsonb not null default '[]',
      enclosures jsonb not null default '[]',
      search_vector tsvector generated always as (
        setweight(to_tsvector('english'::regconfig, title), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, left(coalesce(content_html, ''), 200000)), 'C')
      ) stored,
      constraint items_feed_item_key_key unique (feed_id, item_key)
    )`.execute(db)
  await sql`create index items_story_idx on items (story_id)`.execute(db)
  // Copies of one story in other feeds are found by canonical link.
  await sql`create index items_canonical_url_idx on items (canonical_url) where canonical_url is not null`.execute(db)
  await sql`create index items_sort_idx on items (sort_at desc, id desc)`.execute(db)
  await sql`create index items_feed_sort_idx on items (feed_id, sort_at desc, id desc)`.execute(db)
  await sql`create index items_search_idx on items using gin (search_vector)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table items`.execute(db)
}
