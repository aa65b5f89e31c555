import type { ItemMatchData, StoryCandidate, StoryFeatures } from '../model/index.js'
import type { Executor } from './executor.js'

/**
 * The most candidates one new item is compared with. Keys are specific (a link, a title, 16 bits of a
 * fingerprint within a few days), so a bucket this full means a crowded template, and the newest copies
 * are the likeliest matches; the cap keeps matching one item bounded however large the store grows.
 */
export const MAX_STORY_CANDIDATES = 200

/** Stored items sharing a match key with the new item: link keys at any date, other keys within ±windowMs of sortAt; newest first. */
export async function findStoryCandidates(db: Executor, match: ItemMatchData, sortAt: Date, windowMs: number): Promise<StoryCandidate[]> {
  if (match.linkKeys.length === 0 && match.keys.length === 0) return []
  const from = new Date(sortAt.getTime() - windowMs)
  const to = new Date(sortAt.getTime() + windowMs)
  const rows = await db
    .selectFrom('item_match_keys as k')
    .innerJoin('items as i', 'i.id', 'k.item_id')
    .select(['i.id', 'i.story_id', 'i.feed_id', 'i.url_key', 'i.norm_title', 'i.fingerprint', 'i.lead_fingerprint', 'i.text_words', 'i.sort_at'])
    .distinct()
    .where((eb) => eb.or([
      ...(match.linkKeys.length > 0 ? [eb('k.key', 'in', match.linkKeys)] : []),
      ...(match.keys.length > 0 ? [eb.and([eb('k.key', 'in', match.keys), eb('k.sort_at', '>=', from), eb('k.sort_at', '<=', to)])] : []),
    ]))
    .orderBy('i.sort_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(MAX_STORY_CANDIDATES)
    .execute()
  return rows.flatMap((row) => row.norm_title === null || row.text_words === null ? [] : [{
    storyId: row.story_id,
    features: {
      feedId: row.feed_id,
      urlKey: row.url_key,
      title: row.norm_title,
      fingerprint: row.fingerprint,
      leadFingerprint: row.lead_fingerprint,
      textLength: row.text_words,
      publishedAt: row.sort_at,
    },
  }])
}

/** The items columns that keep an item's features; all null without match data. */
export function featureColumns(features: StoryFeatures | undefined) {
  return {
    url_key: features?.urlKey ?? null,
    norm_title: features?.title ?? null,
    fingerprint: features?.fingerprint ?? null,
    lead_fingerprint: features?.leadFingerprint ?? null,
    text_words: features?.textLength ?? null,
  }
}

/** Indexes a new item under its match keys; `sortAt` is the item's stored sort time. */
export async function insertMatchKeys(db: Executor, itemId: string, sortAt: Date, match: ItemMatchData | undefined): Promise<void> {
  const keys = match === undefined ? [] : [...new Set([...match.linkKeys, ...match.keys])]
  if (keys.length === 0) return
  await db.insertInto('item_match_keys').values(keys.map((key) => ({ key, sort_at: sortAt, item_id: itemId }))).execute()
}

/** Re-indexes an edited item: its text, title or date may have changed. */
export async function replaceMatchKeys(db: Executor, itemId: string, sortAt: Date, match: ItemMatchData | undefined): Promise<void> {
  await db.deleteFrom('item_match_keys').where('item_id', '=', itemId).execute()
  await insertMatchKeys(db, itemId, sortAt, match)
}
