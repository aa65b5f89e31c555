import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table feeds (
      id integer generated always as identity primary key,
      url text not null unique,
      user_title text,
      title text,
      site_url text,
      description text,
      etag text,
      last_modified text,
      created_at timestamptz not null default now(),
      last_fetched_at timestamptz,
      last_success_at timestamptz,
      next_fetch_at timestamptz not null default now(),
      error_count integer not null default 0,
      last_error_code text,
      last_error_message text,
      disabled_reason text
    )`.execute(db)
  // The scheduler asks "which enabled feeds are due?" every minute.
  await sql`create index feeds_due_idx on feeds (next_fetch_at) where disabled_reason is null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table feeds`.execute(db)
}
