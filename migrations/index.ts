import type { Migration } from 'kysely'
import * as createFeeds from './2026_11_28_120000_create_feeds.js'
import * as createStories from './2026_11_28_120100_create_stories.js'
import * as createItems from './2026_11_28_120200_create_items.js'
import * as createCollections from './2026_11_28_120300_create_collections.js'
import * as addFeedsFetchPoliteness from './2026_11_28_140000_add_feeds_fetch_politeness.js'
import * as configurableSearchLanguage from './2026_11_28_150000_configurable_search_language.js'
import * as addItemsMatchRule from './2026_11_28_150100_add_items_match_rule.js'
import * as createItemTombstones from './2026_11_28_150200_create_item_tombstones.js'
import * as addItemsStoryFeatures from './2026_11_28_160000_add_items_story_features.js'
import * as addCollectionsStoryOptions from './2026_11_28_170000_add_collections_story_options.js'
import * as addFeedsGuidChanges from './2026_11_28_170100_add_feeds_guid_changes.js'
import * as addCollectionsLimits from './2026_11_28_180000_add_collections_limits.js'
import * as addFeedsLeases from './2026_11_28_180100_add_feeds_leases.js'
import * as boundSearchContent from './2026_12_07_120000_bound_search_content.js'
import * as addItemsRawHash from './2026_12_07_120100_add_items_raw_hash.js'
import * as addItemsFingerprintVersion from './2026_12_07_120200_add_items_fingerprint_version.js'
import * as createItemBatches from './2026_12_07_120300_create_item_batches.js'
import * as cheaperMatchKeys from './2026_12_07_120400_cheaper_match_keys.js'
import * as feedsDueInClaimOrder from './2026_12_07_120500_feeds_due_in_claim_order.js'

/**
 * Every migration by name, in the order they run. A static list rather than a folder scan,
 * because vitest cannot import .ts files through kysely's FileMigrationProvider (STACK.md).
 */
export const migrations: Record<string, Migration> = {
  '2026_11_28_120000_create_feeds': createFeeds,
  '2026_11_28_120100_create_stories': createStories,
  '2026_11_28_120200_create_items': createItems,
  '2026_11_28_120300_create_collections': createCollections,
  '2026_11_28_140000_add_feeds_fetch_politeness': addFeedsFetchPoliteness,
  '2026_11_28_150000_configurable_search_language': configurableSearchLanguage,
  '2026_11_28_150100_add_items_match_rule': addItemsMatchRule,
  '2026_11_28_150200_create_item_tombstones': createItemTombstones,
  '2026_11_28_160000_add_items_story_features': addItemsStoryFeatures,
  '2026_11_28_170000_add_collections_story_options': addCollectionsStoryOptions,
  '2026_11_28_170100_add_feeds_guid_changes': addFeedsGuidChanges,
  '2026_11_28_180000_add_collections_limits': addCollectionsLimits,
  '2026_11_28_180100_add_feeds_leases': addFeedsLeases,
  '2026_12_07_120000_bound_search_content': boundSearchContent,
  '2026_12_07_120100_add_items_raw_hash': addItemsRawHash,
  '2026_12_07_120200_add_items_fingerprint_version': addItemsFingerprintVersion,
  '2026_12_07_120300_create_item_batches': createItemBatches,
  '2026_12_07_120400_cheaper_match_keys': cheaperMatchKeys,
  '2026_12_07_120500_feeds_due_in_claim_order': feedsDueInClaimOrder,
}
