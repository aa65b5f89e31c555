import { sql, type Kysely } from 'kysely'

// The search vector was most of the database's work per item (about 0.2 ms per 1,000 characters
// indexed, measured on PostgreSQL 15): it now reads the title, the summary (the text's opening) and
// only the first `search_content_chars` characters of the content's HTML, a setting kept in step with
// TRIBUTARY_SEARCH_CONTENT_CHARS like the language (changing it re-indexes). Items stored before keep
// their longer vectors until a re-index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into settings (key, value) values ('search_content_chars', '1000') on conflict (key) do nothing`.execute(db)
  await sql`
    create or replace function items_search_vector() returns trigger language plpgsql as $$
    declare
      lang regconfig;
      content_chars integer;
    begin
      select coalesce(max(value) filter (where key = 'search_language'), 'english')::regconfig,
             coalesce(max(value) filter (where key = 'search_content_chars'), '1000')::integer
        into lang, content_chars
        from settings where key in ('search_language', 'search_content_chars');
      new.search_vector :=
        setweight(to_tsvector(lang, coalesce(new.title, '')), 'A') ||
        setweight(to_tsvector(lang, coalesce(new.summary, '')), 'B') ||
        setweight(to_tsvector(lang, left(coalesce(new.content_html, ''), content_chars)), 'C');
      return new;
    end
    $$`.execute(db)
  // lz4 compresses stored content several times faster than the default pglz, where the server has it
  // (PostgreSQL 14+ built with lz4; PGlite is not). Only values written from now on are affected.
  const { rows: [toast] } = await sql<{ lz4: boolean }>`
    select coalesce(bool_or('lz4' = any(enumvals)), false) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db)
  if (toast?.lz4 === true) {
    for (const column of ['content_html', 'summary', 'search_vector']) {
      await sql`alter table items alter column ${sql.id(column)} set compression lz4`.execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from settings where key = 'search_content_chars'`.execute(db)
  await sql`
    create or replace function items_search_vector() returns trigger language plpgsql as $$
    declare
      lang regconfig := coalesce((select value from settings where key = 'search_language'), 'english')::regconfig;
    begin
      new.search_vector :=
        setweight(to_tsvector(lang, coalesce(new.title, '')), 'A') ||
        setweight(to_tsvector(lang, coalesce(new.summary, '')), 'B') ||
        setweight(to_tsvector(lang, left(coalesce(new.content_html, ''), 200000)), 'C');
      return new;
    end
    $$`.execute(db)
}
