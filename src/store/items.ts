import { sql, type SqlBool } from 'kysely'
import { NotFoundError } from '../errors.js'
import type { EnclosureJson } from '../db/index.js'
import type { KeyedItem, Page, StoredItem } from '../model/index.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import type { Executor } from './executor.js'
import { termFilter } from './term-filter.js'

/** How one feed document's items changed the store. */
export interface UpsertCounts {
  readonly created: number
  readonly updated: number
  readonly unchanged: number
}

/**
 * Stores one feed document's items: a known item key whose content changed is updated in place (and
 * its story marked updated), a new one joins the story of an item with the same canonical link or
 * starts a new story. Idempotent; run it in the same transaction as the feed's fetch state.
 */
export async function upsertFeedItems(db: Executor, feedId: number, items: readonly KeyedItem[], now: Date): Promise<UpsertCounts> {
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0 }
  const existing = new Map(
    (await db
      .selectFrom('items')
      .select(['id', 'item_key', 'content_hash', 'story_id', 'published_at'])
      .where('feed_id', '=', feedId)
      .where('item_key', 'in', items.map((i) => i.itemKey))
      .execute()).map((row) => [row.item_key, row]),
  )
  let created = 0
  let updated = 0
  const unchangedIds: string[] = []
  for (const item of items) {
    const known = existing.get(item.itemKey)
    if (known === undefined) {
      await insertItem(db, feedId, item, now)
      created++
    } else if (known.content_hash !== item.contentHash) {
      await updateItem(db, known.id, known.story_id, item, now)
      updated++
    } else {
      unchangedIds.push(known.id)
    }
  }
  if (unchangedIds.length > 0) {
    await db.updateTable('items').set({ last_seen_at: now }).where('id', 'in', unchangedIds).execute()
  }
  return { created, updated, unchanged: unchangedIds.length }
}

function itemColumns(item: KeyedItem) {
  return {
    guid: item.guid,
    url: item.url,
    canonical_url: item.storyUrl,
    title: item.title,
    author: item.author,
    summary: item.summary,
    content_html: item.contentHtml,
    published_at: item.publishedAt,
    updated_at: item.updatedAt,
    content_hash: item.contentHash,
    categories: JSON.stringify(item.categories),
    enclosures: JSON.stringify(item.enclosures),
  }
}

async function insertItem(db: Executor, feedId: number, item: KeyedItem, now: Date): Promise<void> {
  const publishedAt = item.publishedAt ?? now
  const updatedAt = laterOf(item.updatedAt, publishedAt)
  const storyId = await findStoryIdByUrl(db, item.storyUrl) ?? await insertStory(db, publishedAt, updatedAt)
  await db
    .insertInto('items')
    .values({ ...itemColumns(item), feed_id: feedId, item_key: item.itemKey, story_id: storyId, first_seen_at: now, last_seen_at: now })
    .onConflict((oc) => oc.columns(['feed_id', 'item_key']).doNothing())
    .execute()
  // A late copy may carry an earlier date or a newer edit than the story had.
  await db
    .updateTable('stories')
    .set((eb) => ({
      published_at: eb.fn('least', ['published_at', eb.val(publishedAt)]),
      updated_at: eb.fn('greatest', ['updated_at', eb.val(updatedAt)]),
    }))
    .where('id', '=', storyId)
    .execute()
}

async function updateItem(db: Executor, itemId: string, storyId: string, item: KeyedItem, now: Date): Promise<void> {
  // An item whose feed stopped giving a date keeps the one it had (SPEC: it keeps its first-seen time).
  const columns = itemColumns(item)
  await db
    .updateTable('items')
    .set({ ...columns, published_at: item.publishedAt ?? sql<Date | null>`published_at`, last_seen_at: now })
    .where('id', '=', itemId)
    .execute()
  // The edit is news to readers now, even when the feed's own `updated` did not move.
  const updatedAt = laterOf(item.updatedAt, now)
  await db
    .updateTable('stories')
    .set((eb) => ({ updated_at: eb.fn('greatest', ['updated_at', eb.val(updatedAt)]) }))
    .where('id', '=', storyId)
    .execute()
}

async function findStoryIdByUrl(db: Executor, storyUrl: string | null): Promise<string | undefined> {
  if (storyUrl === null) return undefined
  const row = await db.selectFrom('items').select('story_id').where('canonical_url', '=', storyUrl).orderBy('id').limit(1).executeTakeFirst()
  return row?.story_id
}

async function insertStory(db: Executor, publishedAt: Date, updatedAt: Date): Promise<string> {
  const row = await db
    .insertInto('stories')
    .values({ published_at: publishedAt, updated_at: updatedAt, created_at: publishedAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

function laterOf(a: Date | null, b: Date): Date {
  return a !== null && a > b ? a : b
}

/** Filters of an item listing; every one is optional. */
export interface ItemFilter {
  readonly q?: string
  readonly feedId?: number
  /** Member feeds of a collection; null means every feed. */
  readonly feedIds?: readonly number[] | null
  readonly includeTerms?: readonly string[]
  readonly excludeTerms?: readonly string[]
  readonly since?: Date
  readonly until?: Date
  readonly limit: number
  readonly cursor?: string
}

/** Lists items newest first with keyset pagination; throws InputError for a bad cursor. */
export async function listItems(db: Executor, filter: ItemFilter): Promise<Page<StoredItem>> {
  let query = selectItems(db)
  if (filter.feedId !== undefined) query = query.where('i.feed_id', '=', filter.feedId)
  if (filter.feedIds != null) {
    if (filter.feedIds.length === 0) return { items: [], nextCursor: null }
    query = query.where('i.feed_id', 'in', filter.feedIds)
  }
  const terms = termFilter(filter.includeTerms ?? [], filter.excludeTerms ?? [])
  if (terms !== null) query = query.where(terms)
  if (filter.q !== undefined && filter.q.trim() !== '') {
    query = query.where(sql<SqlBool>`i.search_vector @@ websearch_to_tsquery('english', ${filter.q})`)
  }
  if (filter.since !== undefined) query = query.where('i.sort_at', '>=', filter.since)
  if (filter.until !== undefined) query = query.where('i.sort_at', '<', filter.until)
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor)
    query = query.where(sql<SqlBool>`(i.sort_at, i.id) < (${after.at}, ${after.id})`)
  }
  const rows = await query.orderBy('i.sort_at', 'desc').orderBy('i.id', 'desc').limit(filter.limit + 1).execute()
  const page = rows.slice(0, filter.limit).map(itemRowToStoredItem)
  const last = page.at(-1)
  return {
    items: page,
    nextCursor: rows.length > filter.limit && last !== undefined ? encodeCursor({ at: last.publishedAt, id: last.id }) : null,
  }
}

/** Returns one stored item; throws NotFoundError. */
export async function getItemOrThrow(db: Executor, id: number): Promise<StoredItem> {
  const row = await selectItems(db).where('i.id', '=', String(id)).executeTakeFirst()
  if (row === undefined) throw new NotFoundError(`items: no item ${id}`)
  return itemRowToStoredItem(row)
}

function selectItems(db: Executor) {
  return db
    .selectFrom('items as i')
    .innerJoin('stories as s', 's.id', 'i.story_id')
    .select([
      'i.id', 's.public_id as story_public_id', 'i.feed_id', 'i.url', 'i.title', 'i.author', 'i.sort_at', 'i.updated_at',
      'i.summary', 'i.content_html', 'i.categories', 'i.enclosures',
    ])
}

function itemRowToStoredItem(row: {
  id: string; story_public_id: string; feed_id: number; url: string | null; title: string; author: string | null
  sort_at: Date; updated_at: Date | null; summary: string | null; content_html: string | null
  categories: string[]; enclosures: EnclosureJson[]
}): StoredItem {
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
  }
}
