import { sql, type Kysely } from 'kysely'

// The search language is data, not schema: a generated column would fix it forever, so a trigger
// computes the vector with the language stored in `settings`, which the app keeps in step with
// TRIBUTARY_SEARCH_LANGUAGE (re-indexing when it changes).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table settings (key text primary key, value text not null)`.execute(db)
  await sql`insert into settings (key, value) values ('search_language', 'english')`.execute(db)
  await sql`drop index items_search_idx`.execute(db)
  await sql`alter table items drop column search_vector`.execute(db)
  await sql`alter table items add column search_vector tsvector`.execute(db)
  await sql`
    create function items_search_vector() returns trigger language plpgsql as $$
    declare
      lang regconfig := coalesce((select value from settings where key = 'search_language'), 'english')::regconfig;
    begin
      -- Titles weigh most; content is bounded because a tsvector over 1 MB is an error.
      new.search_vector :=
        setweight(to_tsvector(lang, coalesce(new.title, '')), 'A') ||
        setweight(to_tsvector(lang, coalesce(new.summary, '')), 'B') ||
        setweight(to_tsvector(lang, left(coalesce(new.content_html, ''), 200000)), 'C');
      return new;
    end
    $$`.execute(db)
  await sql`
    create trigger items_search_vector_trg before insert or update of title, summary, content_html, search_vector
    on items for each row execute function items_search_vector()`.execute(db)
  await sql`update items set search_vector = null`.execute(db)
  await sql`create index items_search_idx on items using gin (search_vector)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger items_search_vector_trg on items`.execute(db)
  await sql`drop function items_search_vector()`.execute(db)
  await sql`drop table settings`.execute(db)
}
