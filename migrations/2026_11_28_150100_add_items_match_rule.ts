import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Why an item joined its story, so users can see why two items are (or are not) one story.
  await sql`alter table items add column match_rule text not null default 'first'`.execute(db)
  await sql`alter table items add column match_distance integer`.execute(db)
  await sql`
    update items set match_rule = 'canonical_url'
    where id <> (select min(j.id) from items j where j.story_id = items.story_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table items drop column match_distance`.execute(db)
  await sql`alter table items drop column match_rule`.execute(db)
}
