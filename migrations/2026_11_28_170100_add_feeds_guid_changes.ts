import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // How often the feed gave a known article (same link) a new guid: such guids are unusable, the
  // link identifies the item instead, and the count shows on the feed.
  await sql`alter table feeds add column guid_changes integer not null default 0`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table feeds drop column guid_changes`.execute(db)
}
