import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely'

/** timestamptz: pg returns a Date; we write Dates or let defaults apply. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>
/** bigint comes back as a string from pg (and from PGlite through pg). */
type BigIntId = ColumnType<string, never, never>
type BigIntRef = ColumnType<string, string | number, string | number>
/** jsonb is written as a JSON string and read back parsed. */
type Json<T> = ColumnType<T, string | undefined, string>

export interface FeedTable {
  id: GeneratedAlways<number>
  url: string
  user_title: string | null
  title: string | null
  site_url: string | null
  description: string | null
  etag: string | null
  last_modified: string | null
  created_at: TimestampDefault
  last_fetched_at: Timestamp | null
  last_success_at: Timestamp | null
  next_fetch_at: TimestampDefault
  error_count: Generated<number>
  last_error_code: string | null
  last_error_message: string | null
  disabled_reason: string | null
  last_status: number | null
  retry_after: Timestamp | null
  redirect_target: string | null
  redirect_seen: Generated<number>
  last_redirects: Json<RedirectJson[]>
  url_history: Json<UrlChangeJson[]>
  schedule_hints: Json<ScheduleHintsJson>
  guid_changes: Generated<number>
  lease_owner: string | null
  lease_expires_at: Timestamp | null
  host: GeneratedAlways<string>
}

/** What a feed document said about its own update schedule; absent keys mean it said nothing. */
export interface ScheduleHintsJson {
  ttlMinutes?: number | null
  updatePeriodSeconds?: number | null
  skipHours?: number[]
  skipDays?: number[]
  /** How often the feed published lately (from its items' dates), seconds. */
  publishIntervalSeconds?: number | null
}

export interface RedirectJson {
  from: string
  to: string
  status: number
}

export interface UrlChangeJson {
  from: string
  to: string
  at: string
}

export interface StoryTable {
  id: BigIntId
  public_id: Generated<string>
  published_at: Timestamp
  updated_at: Timestamp
  created_at: TimestampDefault
}

export interface EnclosureJson {
  url: string
  type: string | null
  length: number | null
}

export interface ItemTable {
  id: BigIntId
  feed_id: number
  story_id: BigIntRef
  item_key: string
  guid: string | null
  url: string | null
  canonical_url: string | null
  title: string
  author: string | null
  summary: string | null
  content_html: string | null
  published_at: Timestamp | null
  updated_at: Timestamp | null
  first_seen_at: TimestampDefault
  last_seen_at: TimestampDefault
  sort_at: ColumnType<Date, never, never>
  content_hash: string
  /** normalize/ rawEntryHash of the entry last stored; null on items stored before it was kept. */
  raw_hash: string | null
  categories: Json<string[]>
  enclosures: Json<EnclosureJson[]>
  search_vector: ColumnType<string | null, never, never>
  match_rule: ColumnType<string, string | undefined, string>
  match_distance: number | null
  /** dedupe StoryFeatures; null on items stored before story matching. */
  url_key: string | null
  norm_title: string | null
  fingerprint: string | null
  lead_fingerprint: string | null
  /** dedupe FINGERPRINT_VERSION of both fingerprints; null on items stored before it was kept (version 1). */
  fingerprint_version: number | null
  text_words: number | null
}

/** One match key of an item, with the item's sort time for windowed lookups. */
export interface ItemMatchKeyTable {
  key: string
  sort_at: Timestamp
  item_id: BigIntRef
}

export interface ItemTombstoneTable {
  feed_id: number
  item_key: string
  pruned_at: Timestamp
}

/** One transaction's new items, in commit order (migrations/…_create_item_batches). */
export interface ItemBatchTable {
  seq: GeneratedAlways<string>
  item_ids: string[]
  stored_at: Timestamp
}

export interface SettingTable {
  key: string
  value: string
}

export interface CollectionTable {
  id: GeneratedAlways<number>
  name: string
  title: string | null
  description: string | null
  include_terms: Json<string[]>
  exclude_terms: Json<string[]>
  created_at: TimestampDefault
  merge_near_duplicates: Generated<boolean>
  source_priority: Json<number[]>
  max_age_seconds: number | null
  per_source_cap: number | null
}

export interface CollectionFeedTable {
  collection_id: number
  feed_id: number
}

/** The whole schema as kysely sees it; kept in step with migrations/. */
export interface Database {
  feeds: FeedTable
  stories: StoryTable
  items: ItemTable
  collections: CollectionTable
  collection_feeds: CollectionFeedTable
  item_tombstones: ItemTombstoneTable
  item_match_keys: ItemMatchKeyTable
  item_batches: ItemBatchTable
  settings: SettingTable
}

export type FeedRow = Selectable<FeedTable>
export type NewFeedRow = Insertable<FeedTable>
export type FeedRowUpdate = Updateable<FeedTable>
export type StoryRow = Selectable<StoryTable>
export type ItemRow = Selectable<ItemTable>
export type NewItemRow = Insertable<ItemTable>
export type CollectionRow = Selectable<CollectionTable>
