import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // A worker's claim on a feed it is about to fetch. Until it expires no other worker takes the feed;
  // after it expires (the worker died) any worker may.
  await sql`alter table feeds add column lease_owner text`.execute(db)
  await sql`alter table feeds add column lease_expires_at timestamptz`.execute(db)
  // The unit of the per-host budget that all workers share (scheme://[user@]HOST[:port]/…).
  await sql`alter table feeds add column host text generated always as
    (lower(substring(url from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^/?#]*)'))) stored`.execute(db)
  await sql`create index feeds_leased_host_idx on feeds (host) where lease_owner is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index feeds_leased_host_idx`.execute(db)
  for (const column of ['host', 'lease_expires_at', 'lease_owner']) {
    await sql`alter table feeds drop column ${sql.ref(column)}`.execute(db)
  }
}
