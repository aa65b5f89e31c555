import type { Item, StoryFeatures } from '../model/index.js'
import { bodyBlocks } from './body-blocks.js'
import { canonicalUrl } from './canonical-url.js'
import { normalizeTitle } from './normalize-title.js'
import { preferOrigLink } from './prefer-orig-link.js'
import { FINGERPRINT_VERSION, simhash } from './simhash.js'
import { urlMatchKey } from './url-match-key.js'

/** Bodies shorter than this many words count as headline-only: too few shingles for a fingerprint to mean much. */
export const MIN_TEXT_WORDS = 32

/**
 * Length, in words, of the opening that gets its own fingerprint. Feed summaries are cut from the top
 * of the article (normalize/ keeps 500 characters, about 80 words; WordPress excerpts keep 55 words),
 * so a summary and the full text share their opening even though their whole-text fingerprints are far
 * apart. Measured on the labeled pairs, MinHash does no better there: a summary holds 15–60% of the
 * full text's shingles, too few for its Jaccard estimate or LSH bands to find it.
 */
export const LEAD_WORDS = MIN_TEXT_WORDS

/** What sameStory compares for an item; the type lives in model/ because the store keeps it with the item. */
export type { StoryFeatures }

/** What storyFeatures needs besides the item. */
export interface StoryFeaturesOptions {
  readonly feedId: number
  /** The feed's own title, stripped from item titles (" – Site Name"). */
  readonly feedTitle: string | null
  /** When the item was first seen, standing in for a missing date. */
  readonly seenAt: Date
  /** FeedBurner `feedburner:origLink`, preferred over the item's link. */
  readonly origLink?: string | null
  /** repeatedTitleAffixes over the feed's titles. */
  readonly titleAffixes?: readonly string[]
}

/**
 * Returns the features that decide whether an item is the same story as another. The link is the
 * origLink when given, else a KeyedItem's `storyUrl` (identifyItems already refused links shared
 * inside the document), else the item's link. The body is the content, or the summary when the content
 * has fewer than MIN_TEXT_WORDS words and the summary more. Pure; never throws.
 */
export function storyFeatures(item: Item & { readonly storyUrl?: string | null }, options: StoryFeaturesOptions): StoryFeatures {
  return {
    feedId: options.feedId,
    urlKey: urlKeyOf(item, options.origLink),
    title: normalizeTitle(item.title, { feedTitle: options.feedTitle, url: item.url, affixes: options.titleAffixes ?? [] }),
    ...textFeatures(item),
    publishedAt: item.publishedAt ?? options.seenAt,
  }
}

/** The features storyFeatures takes from an item's text alone: what a new FINGERPRINT_VERSION recomputes. */
export type TextFeatures = Pick<StoryFeatures, 'fingerprint' | 'leadFingerprint' | 'fingerprintVersion' | 'textLength'>

/** Returns the fingerprints and length of an item's body (see storyFeatures), as of FINGERPRINT_VERSION. Pure; never throws. */
export function textFeatures(item: Pick<Item, 'title' | 'summary' | 'contentHtml'>): TextFeatures {
  const blocks = bodyOf(item)
  const words = wordCount(blocks)
  return {
    fingerprint: words === 0 ? null : simhash(blocks),
    // The opening is weighed as one block: a summary is one block, the full text's opening several.
    leadFingerprint: words < LEAD_WORDS ? null : simhash([opening(blocks, LEAD_WORDS)]),
    fingerprintVersion: FINGERPRINT_VERSION,
    textLength: words,
  }
}

function urlKeyOf(item: Item & { readonly storyUrl?: string | null }, origLink: string | null | undefined): string | null {
  const orig = preferOrigLink(null, origLink)
  const link = orig ?? (item.storyUrl === undefined ? item.url : item.storyUrl)
  const canonical = link === null ? null : canonicalUrl(link)
  return canonical === null ? null : urlMatchKey(canonical)
}

// The content keeps its paragraphs, so its boilerplate can be told apart; normalize/ makes the summary
// one flat block, often from that same content. The summary serves when the content has little text.
function bodyOf(item: Pick<Item, 'title' | 'summary' | 'contentHtml'>): (readonly string[])[] {
  const content = item.contentHtml === null ? [] : bodyBlocks(item.contentHtml, item.title)
  const contentWords = wordCount(content)
  if (contentWords >= MIN_TEXT_WORDS || item.summary === null) return content
  const summary = bodyBlocks(item.summary, item.title)
  return wordCount(summary) > contentWords ? summary : content
}

// Loops, not blocks.flat(): flat() alone cost as much as fingerprinting the whole text (~30 µs per 4 KB).
function wordCount(blocks: readonly (readonly string[])[]): number {
  let count = 0
  for (const block of blocks) count += block.length
  return count
}

function opening(blocks: readonly (readonly string[])[], words: number): string[] {
  const result: string[] = []
  for (const block of blocks) {
    for (const word of block) {
      if (result.length === words) return result
      result.push(word)
    }
  }
  return result
}
