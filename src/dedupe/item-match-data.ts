import type { Item, ItemMatchData, KeyedItem, StoryFeatures } from '../model/index.js'
import { matchKeys } from './match-keys.js'
import { repeatedTitleAffixes } from './repeated-title-affixes.js'
import { storyFeatures, textFeatures } from './story-features.js'

/** What withMatchData needs besides the items. */
export interface MatchDataOptions {
  readonly feedId: number
  /** The feed's own title, stripped from item titles. */
  readonly feedTitle: string | null
  /** When the items were fetched, standing in for a missing date. */
  readonly seenAt: Date
}

/**
 * Adds to each item of one feed document the features and match keys the store keeps with it; unchanged
 * items (normalize/), which the store only marks seen, get none. Title affixes are learned from the
 * whole document, so it must be given all of the document's items. Pure.
 */
export function withMatchData<T extends KeyedItem>(items: readonly T[], options: MatchDataOptions): (T & { readonly match?: ItemMatchData })[] {
  const titleAffixes = repeatedTitleAffixes(items.map((item) => item.title))
  return items.map((item) => {
    if (item.unchanged === true) return item
    return { ...item, match: matchDataOf(storyFeatures(item, { ...options, titleAffixes })) }
  })
}

/**
 * Returns the match data of a stored item with its fingerprints recomputed as of FINGERPRINT_VERSION
 * from its stored text (the title, summary and content it was stored with, as withMatchData read
 * them), keeping its stored link, title and date features: the title affixes learned from its document
 * are not stored, and those features do not depend on the fingerprint version. Pure.
 */
export function refingerprintedMatchData(item: Pick<Item, 'title' | 'summary' | 'contentHtml'>, stored: StoryFeatures): ItemMatchData {
  return matchDataOf({ ...stored, ...textFeatures(item) })
}

function matchDataOf(features: StoryFeatures): ItemMatchData {
  const keys = matchKeys(features)
  return { features, linkKeys: keys.filter(isLinkKey), keys: keys.filter((key) => !isLinkKey(key)) }
}

// matchKeys prefixes the link's key with `u:`.
function isLinkKey(key: string): boolean {
  return key.startsWith('u:')
}
