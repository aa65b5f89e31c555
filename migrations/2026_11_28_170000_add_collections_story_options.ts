import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Off: copies grouped only by their text (not by the same link) appear as entries of their own.
  await sql`alter table collections add column merge_near_duplicates boolean not null default true`.execute(db)
  // Feed ids, most preferred first: the copy from the first of them represents a story.
  await sql`alter table collections add column source_priority jsonb not null default '[]'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table collections drop column source_priority`.execute(db)
  await sql`alter table collections drop column merge_near_duplicates`.execute(db)
}
