import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // What the story matcher compares (dedupe StoryFeatures), kept so a stored item can be compared with
  // a new one without reparsing it. Null on items stored before matching: they are never candidates.
  await sql`alter table items add column url_key text`.execute(db)
  await sql`alter table items add column norm_title text`.execute(db)
  await sql`alter table items add column fingerprint text`.execute(db)
  await sql`alter table items add column lead_fingerprint text`.execute(db)
  await sql`alter table items add column text_words integer`.execute(db)
  // Each item's match keys (link, title, fingerprint bands) with its sort time, so the candidates for a
  // new item come from a few index range scans (key, and a time window around it) instead of a scan.
  await sql`
    create table item_match_keys (
      key text not null,
      sort_at timestamptz not null,
      item_id bigint not null references items (id) on delete cascade
    )`.execute(db)
  await sql`create index item_match_keys_key_sort_idx on item_match_keys (key, sort_at)`.execute(db)
  // The cascade from items looks rows up by item.
  await sql`create index item_match_keys_item_idx on item_match_keys (item_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table item_match_keys`.execute(db)
  await sql`alter table items drop column text_words`.execute(db)
  await sql`alter table items drop column lead_fingerprint`.execute(db)
  await sql`alter table items drop column fingerprint`.execute(db)
  await sql`alter table items drop column norm_title`.execute(db)
  await sql`alter table items drop column url_key`.execute(db)
}
