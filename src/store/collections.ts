import { sql } from 'kysely'
import { ConflictError, InputError, NotFoundError } from '../errors.js'
import type { CollectionRow } from '../db/index.js'
import { ALL_COLLECTION, type Collection, type CollectionSettings } from '../model/index.js'
import type { Executor } from './executor.js'

const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/

/** Throws InputError unless `name` is usable in a URL path: lowercase letters, digits, `-`, `_`, at most 64. */
export function assertCollectionName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new InputError(`collections: invalid name "${name}": use 1-64 lowercase letters, digits, "-" or "_"`)
  }
}

/** Derives a valid collection name from an OPML folder's text: "Tech News" → "tech-news". */
export function collectionNameFromFolder(folder: string): string {
  const slug = folder
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // Linear: the lookbehinds start a trailing match at the first dash of a run, never inside it.
    .replace(/^-+|(?<!-)-+$/g, '')
    .slice(0, 64)
    .replace(/(?<!-)-+$/, '')
  return slug === '' ? 'folder' : slug
}

function collectionRowToCollection(row: CollectionRow & { feed_count: string | number }): Collection {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    description: row.description,
    includeTerms: row.include_terms,
    excludeTerms: row.exclude_terms,
    mergeNearDuplicates: row.merge_near_duplicates,
    sourcePriority: row.source_priority,
    maxAgeSeconds: row.max_age_seconds,
    perSourceCap: row.per_source_cap,
    feedCount: Number(row.feed_count),
  }
}

function selectCollections(db: Executor) {
  return db
    .selectFrom('collections')
    .selectAll('collections')
    .select(
      sql<string>`case when collections.name = ${ALL_COLLECTION} then (select count(*) from feeds)
        else (select count(*) from collection_feeds cf where cf.collection_id = collections.id) end`.as('feed_count'),
    )
}

/** Settings of a new collection when left out: no filters, near-duplicates merged, no preferred source. */
const DEFAULT_SETTINGS: CollectionSettings = {
  title: null,
  description: null,
  includeTerms: [],
  excludeTerms: [],
  mergeNearDuplicates: true,
  sourcePriority: [],
  maxAgeSeconds: null,
  perSourceCap: null,
}

function settingsToRow(settings: Partial<CollectionSettings>) {
  return {
    ...(settings.title !== undefined && { title: settings.title }),
    ...(settings.description !== undefined && { description: settings.description }),
    ...(settings.includeTerms !== undefined && { include_terms: JSON.stringify(settings.includeTerms) }),
    ...(settings.excludeTerms !== undefined && { exclude_terms: JSON.stringify(settings.excludeTerms) }),
    ...(settings.mergeNearDuplicates !== undefined && { merge_near_duplicates: settings.mergeNearDuplicates }),
    ...(settings.sourcePriority !== undefined && { source_priority: JSON.stringify(settings.sourcePriority) }),
    ...(settings.maxAgeSeconds !== undefined && { max_age_seconds: settings.maxAgeSeconds }),
    ...(settings.perSourceCap !== undefined && { per_source_cap: settings.perSourceCap }),
  }
}

/** Creates a collection; throws InputError for a bad name, ConflictError when it exists. */
export async function insertCollection(db: Executor, name: string, settings: Partial<CollectionSettings> = {}): Promise<Collection> {
  assertCollectionName(name)
  const inserted = await db
    .insertInto('collections')
    .values({ name, ...settingsToRow({ ...DEFAULT_SETTINGS, ...settings }) })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted === undefined) throw new ConflictError(`collections: "${name}" already exists`)
  return getCollectionOrThrow(db, name)
}

/** Changes the given settings of a collection, leaving the rest; throws NotFoundError. */
export async function updateCollection(db: Executor, name: string, changes: Partial<CollectionSettings>): Promise<Collection> {
  const row = settingsToRow(changes)
  if (Object.keys(row).length > 0) {
    const updated = await db.updateTable('collections').set(row).where('name', '=', name).returning('id').executeTakeFirst()
    if (updated === undefined) throw new NotFoundError(`collections: no collection "${name}"`)
  }
  return getCollectionOrThrow(db, name)
}

/** Returns the named collection, or undefined. */
export async function findCollection(db: Executor, name: string): Promise<Collection | undefined> {
  const row = await selectCollections(db).where('collections.name', '=', name).executeTakeFirst()
  return row && collectionRowToCollection(row)
}

/** Returns the named collection; throws NotFoundError. */
export async function getCollectionOrThrow(db: Executor, name: string): Promise<Collection> {
  const collection = await findCollection(db, name)
  if (collection === undefined) throw new NotFoundError(`collections: no collection "${name}"`)
  return collection
}

/** Lists every collection by name, "all" included. */
export async function listCollections(db: Executor): Promise<Collection[]> {
  const rows = await selectCollections(db).orderBy('collections.name').execute()
  return rows.map(collectionRowToCollection)
}

/** Returns the named collection, creating it with default settings if missing (OPML import, `feeds add --collection`). */
export async function ensureCollection(db: Executor, name: string, title: string | null = null): Promise<Collection> {
  assertCollectionName(name)
  await db.insertInto('collections').values({ name, title, description: null }).onConflict((oc) => oc.column('name').doNothing()).execute()
  return getCollectionOrThrow(db, name)
}

/** Adds a feed to a collection; a no-op when it is already a member or the collection is "all". */
export async function addFeedToCollection(db: Executor, collection: Collection, feedId: number): Promise<void> {
  if (collection.name === ALL_COLLECTION) return
  await db
    .insertInto('collection_feeds')
    .values({ collection_id: collection.id, feed_id: feedId })
    .onConflict((oc) => oc.columns(['collection_id', 'feed_id']).doNothing())
    .execute()
}

/** Removes a feed from a collection; a no-op when it is not a member. Throws InputError for "all". */
export async function removeFeedFromCollection(db: Executor, collection: Collection, feedId: number): Promise<void> {
  if (collection.name === ALL_COLLECTION) throw new InputError(`collections: "${ALL_COLLECTION}" holds every feed; remove the feed itself instead`)
  await db.deleteFrom('collection_feeds').where('collection_id', '=', collection.id).where('feed_id', '=', feedId).execute()
}

/** Lists the member feeds' ids of a collection; null for "all", which holds every feed. */
export async function listCollectionFeedIds(db: Executor, collection: Collection): Promise<number[] | null> {
  if (collection.name === ALL_COLLECTION) return null
  const rows = await db.selectFrom('collection_feeds').select('feed_id').where('collection_id', '=', collection.id).execute()
  return rows.map((r) => r.feed_id)
}

/** Names the collections that publish any of these feeds' items: "all" plus those they are members of. */
export async function listCollectionNamesOfFeeds(db: Executor, feedIds: readonly number[]): Promise<string[]> {
  if (feedIds.length === 0) return []
  const rows = await db
    .selectFrom('collections as c')
    .select('c.name')
    .where((eb) => eb.or([
      eb('c.name', '=', ALL_COLLECTION),
      eb.exists(eb.selectFrom('collection_feeds as cf').select('cf.feed_id').whereRef('cf.collection_id', '=', 'c.id').where('cf.feed_id', 'in', feedIds)),
    ]))
    .orderBy('c.name')
    .execute()
  return rows.map((r) => r.name)
}
