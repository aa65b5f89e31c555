import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Stories published longer ago than this are left out of the collection; null keeps every age.
  await sql`alter table collections add column max_age_seconds integer check (max_age_seconds > 0)`.execute(db)
  // At most this many stories a day (UTC) from one source, its newest; null for no cap.
  await sql`alter table collections add column per_source_cap integer check (per_source_cap > 0)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table collections drop column per_source_cap`.execute(db)
  await sql`alter table collections drop column max_age_seconds`.execute(db)
}
