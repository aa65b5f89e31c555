import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // dedupe FINGERPRINT_VERSION of the item's fingerprints: fingerprints of different versions are not
  // comparable, so the matcher compares them only within one version. Null (no default, so adding it
  // rewrites no row) means version 1, the only one before this column.
  await sql`alter table items add column fingerprint_version smallint`.execute(db)
  // The items whose fingerprints are older than version 2 and are to be recomputed (store
  // refingerprintItems, newest first): a partial index, so that once they are done, finding none
  // costs nothing and new items never enter it. A later version replaces it.
  await sql`create index items_outdated_fingerprint_idx on items (sort_at)
    where coalesce(fingerprint_version, 1) < 2 and norm_title is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index items_outdated_fingerprint_idx`.execute(db)
  await sql`alter table items drop column fingerprint_version`.execute(db)
}
