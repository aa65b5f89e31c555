import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { InputError, NotFoundError } from '../errors.js'
import type { EnclosureJson } from '../db/index.js'
import type { Page, StoredItem } from '../model/index.js'
import { decodeCursor, decodeRankCursor, encodeCursor, encodeRankCursor } from './cursor.js'
import type { Executor } from './executor.js'
import { termFilter } from './term-filter.js'

/** Filters of an item listing; every one is optional. */
export interface ItemFilter {
  /** Full-text query in web search syntax (websearch_to_tsquery: "phrase", -exclude, or). */
  readonly q?: string
  readonly feedId?: number
  /** Member feeds of a collection; null means every feed. */
  readonly feedIds?: readonly number[] | null
  readonly includeTerms?: readonly string[]
  readonly excludeTerms?: readonly string[]
  /** Items whose author contains this text, case-insensitively. */
  readonly author?: string
  /** Items with this category (tag), case-insensitively. */
  readonly category?: string
  readonly since?: Date
  readonly until?: Date
  /** `newest` (default) or `rank` (relevance to `q`, among its most recent matches). */
  readonly sort?: 'newest' | 'rank'
  /** One item per story (the newest matching copy) instead of every copy. */
  readonly perStory?: boolean
  readonly limit: number
  readonly cursor?: string
}

/**
 * How many of the most recent matches a ranked search orders by relevance. Bounding it keeps a
 * common word's search as fast on a million items as on ten thousand; older matches stay reachable
 * newest-first or with a date range.
 */
export const RANKED_WINDOW = 1000

/**
 * A search: the query text and the configured language, read from where the index trigger reads it
 * so both agree. The language is passed as a value, not a subquery: the planner must see the actual
 * tsquery to estimate how many rows match (a subquery made a rare phrase take seconds at 1M items).
 */
interface Search {
  readonly q: string
  readonly language: string
}

async function readSearch(db: Executor, q: string): Promise<Search> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'search_language').executeTakeFirst()
  return { q, language: row?.value ?? 'english' }
}

function tsquery(search: Search): RawBuilder<unknown> {
  return sql`websearch_to_tsquery(${search.language}::regconfig, ${search.q})`
}

/**
 * Lists items newest first (or by relevance to `q`) with keyset pagination that stays correct while
 * new items arrive; with `q`, each item carries a highlighted snippet. Throws InputError for a bad
 * cursor or for `sort: 'rank'` without `q`.
 */
export async function listItems(db: Executor, filter: ItemFilter): Promise<Page<StoredItem>> {
  if (filter.feedIds != null && filter.feedIds.length === 0) return { items: [], nextCursor: null }
  const q = filter.q?.trim() ? filter.q.trim() : null
  if (filter.sort === 'rank') {
    if (q === null) throw new InputError('sort: "rank" needs a search query (q)')
    return listRanked(db, filter, await readSearch(db, q))
  }
  return listNewest(db, filter, q === null ? null : await readSearch(db, q))
}

async function listNewest(db: Executor, filter: ItemFilter, search: Search | null): Promise<Page<StoredItem>> {
  const where = conditions('i', filter, search)
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor)
    where.push(sql<SqlBool>`(i.sort_at, i.id) < (${after.at}, ${after.id})`)
  }
  const { rows } = await sql<ItemRow>`
    select ${itemColumns(search)} from items i join stories s on s.id = i.story_id
    where ${sql.join(where, sql` and `)}
    order by i.sort_at desc, i.id desc limit ${filter.limit + 1}`.execute(db)
  const page = rows.slice(0, filter.limit).map(itemRowToStoredItem)
  const last = page.at(-1)
  return {
    items: page,
    nextCursor: rows.length > filter.limit && last !== undefined ? encodeCursor({ at: last.publishedAt, id: last.id }) : null,
  }
}

async function listRanked(db: Executor, filter: ItemFilter, search: Search): Promise<Page<StoredItem>> {
  const position = filter.cursor === undefined ? null : decodeRankCursor(filter.cursor)
  // Later pages rank the same window as the first: items that arrived since have higher ids.
  const maxId = position?.maxId ?? Number((await sql<{ max: string | null }>`select max(id) as max from items`.execute(db)).rows[0]?.max ?? 0)
  const where = conditions('i', filter, search)
  where.push(sql<SqlBool>`i.id <= ${maxId}`)
  const after = position === null ? sql`` : sql`where (c.rank, c.id) < (${position.rank}::real, ${position.id})`
  const { rows } = await sql<ItemRow & { rank: number }>`
    with window_ as (
      select i.id, i.sort_at from items i where ${sql.join(where, sql` and `)}
      order by i.sort_at desc, i.id desc limit ${RANKED_WINDOW}
    ), c as (
      select w.id, ts_rank(i.search_vector, ${tsquery(search)}) as rank
      from window_ w join items i on i.id = w.id
    )
    select ${itemColumns(search)}, c.rank from c join items i on i.id = c.id join stories s on s.id = i.story_id
    ${after}
    order by c.rank desc, c.id desc limit ${filter.limit + 1}`.execute(db)
  const page = rows.slice(0, filter.limit)
  const last = page.at(-1)
  return {
    items: page.map(itemRowToStoredItem),
    nextCursor: rows.length > filter.limit && last !== undefined ? encodeRankCursor({ rank: last.rank, id: Number(last.id), maxId }) : null,
  }
}

/** The filter as SQL conditions on the items row `alias`, shared by the listing and its one-per-story check. */
function conditions(alias: 'i' | 'j', filter: ItemFilter, search: Search | null): RawBuilder<SqlBool>[] {
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`true`]
  if (filter.feedId !== undefined) where.push(sql<SqlBool>`${col('feed_id')} = ${filter.feedId}`)
  if (filter.feedIds != null) where.push(sql<SqlBool>`${col('feed_id')} in (${sql.join(filter.feedIds)})`)
  const terms = termFilter(filter.includeTerms ?? [], filter.excludeTerms ?? [], alias)
  if (terms !== null) where.push(terms)
  if (search !== null) where.push(sql<SqlBool>`${col('search_vector')} @@ ${tsquery(search)}`)
  if (filter.author !== undefined) where.push(sql<SqlBool>`${col('author')} ilike ${`%${escapeLike(filter.author)}%`}`)
  if (filter.category !== undefined) {
    where.push(sql<SqlBool>`exists (select 1 from jsonb_array_elements_text(${col('categories')}) as c(name) where lower(c.name) = lower(${filter.category}))`)
  }
  if (filter.since !== undefined) where.push(sql<SqlBool>`${col('sort_at')} >= ${filter.since}`)
  if (filter.until !== undefined) where.push(sql<SqlBool>`${col('sort_at')} < ${filter.until}`)
  if (filter.perStory && alias === 'i') {
    // One row per story: the newest copy among those that match, so every story appears exactly once.
    where.push(sql<SqlBool>`i.id = (
      select j.id from items j where j.story_id = i.story_id and ${sql.join(conditions('j', { ...filter, perStory: false }, search), sql` and `)}
      order by j.sort_at desc, j.id desc limit 1)`)
  }
  return where
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&')
}

interface ItemRow {
  id: string
  story_public_id: string
  feed_id: number
  url: string | null
  title: string
  author: string | null
  sort_at: Date
  updated_at: Date | null
  summary: string | null
  content_html: string | null
  categories: string[]
  enclosures: EnclosureJson[]
  match_rule: string
  match_distance: number | null
  snippet: string | null
}

function itemColumns(search: Search | null): RawBuilder<unknown> {
  // The snippet is the plain-text summary (bounded in normalize/) with every match marked; it is
  // escaped first so that <mark> is its only markup.
  const snippet = search === null
    ? sql`null`
    : sql`ts_headline(${search.language}::regconfig,
        replace(replace(replace(coalesce(i.summary, i.title), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
        ${tsquery(search)},
        'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')`
  return sql`i.id, s.public_id as story_public_id, i.feed_id, i.url, i.title, i.author, i.sort_at, i.updated_at,
    i.summary, i.content_html, i.categories, i.enclosures, i.match_rule, i.match_distance, ${snippet} as snippet`
}

/** Returns one stored item; throws NotFoundError. */
export async function getItemOrThrow(db: Executor, id: number): Promise<StoredItem> {
  const { rows } = await sql<ItemRow>`select ${itemColumns(null)} from items i join stories s on s.id = i.story_id where i.id = ${id}`.execute(db)
  if (rows[0] === undefined) throw new NotFoundError(`items: no item ${id}`)
  return itemRowToStoredItem(rows[0])
}

function itemRowToStoredItem(row: ItemRow): StoredItem {
  return {
    id: Number(row.id),
    storyId: row.story_public_id,
    feedId: row.feed_id,
    url: row.url,
    title: row.title,
    author: row.author,
    publishedAt: row.sort_at,
    updatedAt: row.updated_at,
    summary: row.summary,
    contentHtml: row.content_html,
    categories: row.categories,
    enclosures: row.enclosures,
    snippet: row.snippet,
    matchRule: row.match_rule,
    matchDistance: row.match_distance,
  }
}
