import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // normalize/ rawEntryHash of the entry the item was last stored from: a document that changed
  // normalizes and fingerprints only its entries whose hash is new. Null on items stored before.
  await sql`alter table items add column raw_hash text`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table items drop column raw_hash`.execute(db)
}
