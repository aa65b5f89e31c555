import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table feeds add column last_status integer`.execute(db)
  // End of a server's Retry-After window: even `fetch --all` waits for it.
  await sql`alter table feeds add column retry_after timestamptz`.execute(db)
  // A permanent redirect moves the stored URL only after it was seen on several fetches in a row.
  await sql`alter table feeds add column redirect_target text`.execute(db)
  await sql`alter table feeds add column redirect_seen integer not null default 0`.execute(db)
  await sql`alter table feeds add column last_redirects jsonb not null default '[]'`.execute(db)
  await sql`alter table feeds add column url_history jsonb not null default '[]'`.execute(db)
  // What the document itself said about when to come back (ttl, sy:updatePeriod, skipHours, skipDays),
  // kept so that a 304, which carries no document, is scheduled the same way.
  await sql`alter table feeds add column schedule_hints jsonb not null default '{}'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['schedule_hints', 'url_history', 'last_redirects', 'redirect_seen', 'redirect_target', 'retry_after', 'last_status']) {
    await sql`alter table feeds drop column ${sql.ref(column)}`.execute(db)
  }
}
