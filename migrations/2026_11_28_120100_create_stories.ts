import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // public_id is what readers see as the entry id: minted once here and never recomputed (SPEC).
  await sql`
    create table stories (
      id bigint generated always as identity primary key,
      public_id text not null unique default ('urn:uuid:' || gen_random_uuid()),
      published_at timestamptz not null,
      updated_at timestamptz not null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index stories_published_idx on stories (published_at desc, id desc)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table stories`.execute(db)
}
