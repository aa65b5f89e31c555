import { hammingDistance } from './hamming-distance.js'
import { MIN_TEXT_WORDS, type StoryFeatures } from './story-features.js'
import { DATE_WORD_PREFIX, plainTitle, titleWords } from './title-words.js'

/** Why sameStory decided as it did; stored with the item so a reader can see why (issue 5, "Explain"). */
export type StoryMatchRule =
  /** Same urlMatchKey. */
  | 'canonical_url'
  /** Whole-text fingerprints within FINGERPRINT_NEAR, or (across feeds, titles alike) within FINGERPRINT_LOOSE. */
  | 'fingerprint'
  /** Across feeds, titles alike, the same opening: a summary, a cut copy, or an edited copy whose rest is still alike. */
  | 'lead'
  /**
   * A headline-only item (or one with a very short text), or one whose fingerprints are of another
   * version (not yet recomputed), and another with the same specific title.
   */
  | 'title'
  /** Not the same: one feed's link shared by items whose texts differ (a live page, a section front). */
  | 'shared_link'
  /** Not the same: published further apart than MATCH_WINDOW_MS. */
  | 'time_window'
  /** Not the same: the titles disagree on a number, weekday or month, as installments of a series do. */
  | 'series'
  /** Not the same: no rule matched. */
  | 'different'

/** sameStory's decision, the rule that made it, and the fingerprint distance that rule looked at. */
export interface StoryMatch {
  readonly same: boolean
  readonly rule: StoryMatchRule
  readonly distance?: number
}

/**
 * Copies of one story appear within hours of each other (wire, newspapers, content farms); three days
 * also covers a late weekly digest. The store looks for candidates only this far around an item.
 */
export const MATCH_WINDOW_MS = 3 * 24 * 60 * 60 * 1000

// Distances are bits of FINGERPRINT_BITS (256); unrelated texts sit near 128, each bit a coin toss
// (Charikar 2002). On the labeled pairs (npm run eval:dedupe prints the ranges), version 1: the same
// text under other boilerplate 0–31, edited copies 0–60, a summary's opening against the full text's
// 0; other stories on the same event, follow-ups and live-blog updates 112 and up; installments of
// templated series 0–82, among the edits, which is why titles and the same-feed rule keep them apart,
// not distance. Version 2 (another hash of the same shingles and weights, so the same estimator with
// other coin tosses): 0–21, 0–52, 0; 105 and up; series 0–73. The thresholds were set on version 1
// and hold with other hash seeds (the report) and with version 2, whose ranges moved by the few bits
// that chance moves them, so they were kept.
const FINGERPRINT_NEAR = 20
const FINGERPRINT_LOOSE = 48
const LEAD_NEAR = 24
// With the same opening, the rest may differ this much and still be an edited copy.
const EDITED_WITH_LEAD = 64
// Texts whose lengths are this close are whole copies; a shorter one may be a summary or a cut copy.
const COMPARABLE_LENGTH_RATIO = 0.75
// Below FINGERPRINT_NEAR the titles may differ entirely (republishers rewrite headlines); otherwise
// they must share this much: shared content words over the shorter title's.
const SIMILAR_TITLE = 0.5
// Titles sharing this much of their words other than numbers and dates are the same template.
const ALIKE_TITLE = 0.75
// A headline alone identifies a story only when it is this specific (content words).
const MIN_TITLE_WORDS = 5

/**
 * Returns whether two items are the same story and the rule that decided; symmetric in its arguments.
 * The same link (urlMatchKey) decides, except that inside one feed it must not join texts that differ.
 * Otherwise, within MATCH_WINDOW_MS: near-identical bodies; across feeds, when the titles are alike,
 * also similar bodies or the same opening; for headline-only items, and for fingerprints of different
 * FINGERPRINT_VERSIONs, the same specific title. A text match is still refused when the titles are
 * alike but for a number or date (a series). Pure; never throws.
 */
export function sameStory(a: StoryFeatures, b: StoryFeatures): StoryMatch {
  if (a.urlKey !== null && a.urlKey === b.urlKey) {
    return a.feedId === b.feedId && textsDiffer(a, b) ? { same: false, rule: 'shared_link' } : { same: true, rule: 'canonical_url' }
  }
  if (Math.abs(a.publishedAt.getTime() - b.publishedAt.getTime()) > MATCH_WINDOW_MS) return { same: false, rule: 'time_window' }
  const titles = compareTitles(a.title, b.title)
  const match = textMatch(a, b, titles)
  // Installments of a series share their template, so their texts match; their titles say which one it is.
  return match.same && titles.serialConflict ? { ...match, same: false, rule: 'series' } : match
}

function textMatch(a: StoryFeatures, b: StoryFeatures, titles: TitleComparison): StoryMatch {
  const shorter = Math.min(a.textLength, b.textLength)
  const longer = Math.max(a.textLength, b.textLength)
  // Without texts to compare (too short, or fingerprints of different versions) the title decides.
  if (shorter < MIN_TEXT_WORDS || a.fingerprintVersion !== b.fingerprintVersion) {
    return titles.equal && titles.words >= MIN_TITLE_WORDS ? { same: true, rule: 'title' } : { same: false, rule: 'different' }
  }
  const distance = fingerprintDistance(a, b)
  if (distance <= FINGERPRINT_NEAR) return { same: true, rule: 'fingerprint', distance }
  // Two texts of one feed that merely resemble each other are installments of a template (daily
  // rates, one alert per school), not copies: inside a feed only near-identical texts are one story.
  if (a.feedId === b.feedId || titles.similarity < SIMILAR_TITLE) return { same: false, rule: 'different', distance }
  if (distance <= FINGERPRINT_LOOSE) return { same: true, rule: 'fingerprint', distance }
  // The same opening: a summary or a cut copy when one text is much shorter; an edited copy when the
  // rest is still alike. Texts of equal length that share only their opening (a live blog's standfirst)
  // differ further on.
  const lead = leadDistance(a, b)
  const cut = shorter / longer < COMPARABLE_LENGTH_RATIO
  if (lead <= LEAD_NEAR && (cut || distance <= EDITED_WITH_LEAD)) return { same: true, rule: 'lead', distance: lead }
  return { same: false, rule: 'different', distance }
}

// One feed reusing a link: the texts differ when both have bodies that do not match, or when, without
// bodies to compare, the titles are not alike.
function textsDiffer(a: StoryFeatures, b: StoryFeatures): boolean {
  const titles = compareTitles(a.title, b.title)
  if (Math.min(a.textLength, b.textLength) < MIN_TEXT_WORDS || a.fingerprintVersion !== b.fingerprintVersion) return titles.similarity < SIMILAR_TITLE
  return fingerprintDistance(a, b) > FINGERPRINT_LOOSE && leadDistance(a, b) > LEAD_NEAR
}

// Callers have checked that the versions agree: hammingDistance across versions would be noise.
function fingerprintDistance(a: StoryFeatures, b: StoryFeatures): number {
  return a.fingerprint === null || b.fingerprint === null ? Number.POSITIVE_INFINITY : hammingDistance(a.fingerprint, b.fingerprint)
}

function leadDistance(a: StoryFeatures, b: StoryFeatures): number {
  return a.leadFingerprint === null || b.leadFingerprint === null ? Number.POSITIVE_INFINITY : hammingDistance(a.leadFingerprint, b.leadFingerprint)
}

interface TitleComparison {
  readonly equal: boolean
  /** Content words in the first title. */
  readonly words: number
  /** Shared content words over the shorter title's content words (after a common kicker). */
  readonly similarity: number
  readonly serialConflict: boolean
}

// A document or a store full of one headline compares the same pair of titles hundreds of times per
// item (every candidate shares the title key); remembering recent pairs keeps that cost per item small.
const TITLE_COMPARISONS_KEPT = 4096
// By first title, then second: looking a pair up builds no key string.
const recentTitleComparisons = new Map<string, Map<string, TitleComparison>>()
let titleComparisonsKept = 0

function compareTitles(a: string, b: string): TitleComparison {
  let byB = recentTitleComparisons.get(a)
  let comparison = byB?.get(b)
  if (comparison === undefined) {
    if (titleComparisonsKept >= TITLE_COMPARISONS_KEPT) {
      recentTitleComparisons.clear()
      titleComparisonsKept = 0
      byB = undefined
    }
    if (byB === undefined) recentTitleComparisons.set(a, (byB = new Map()))
    comparison = compareTitlesOnce(a, b)
    byB.set(b, comparison)
    titleComparisonsKept++
  }
  return comparison
}

function compareTitlesOnce(a: string, b: string): TitleComparison {
  const listA = titleWords(a)
  const listB = titleWords(b)
  const wordsA = new Set(listA)
  const wordsB = new Set(listB)
  // Counted, not as sets: "May 6 … 6.94%" and "May 7 … 6.94%" hold 6 twice and once.
  const serialA = listA.filter(isSerialWord)
  const serialB = listB.filter(isSerialWord)
  const plainA = new Set(listA.filter((word) => !isSerialWord(word)))
  const plainB = new Set(listB.filter((word) => !isSerialWord(word)))
  // Under one kicker ("Word of the day: petrichor" / "Word of the day: sonder") only the rest says which story.
  const [kickerA, restA] = splitKicker(a)
  const [kickerB, restB] = splitKicker(b)
  const shared = kickerA !== null && kickerA === kickerB
  return {
    equal: plainTitle(a) === plainTitle(b),
    words: listA.length,
    similarity: shared ? overlap(new Set(titleWords(restA)), new Set(titleWords(restB))) : overlap(wordsA, wordsB),
    // Titles alike but for a replaced number ("No. 4,512" / "No. 4,513", "Monday" / "Tuesday") name
    // another installment; a headline that adds a figure ("kills 12" / "kills 12, injures 80") or is
    // worded otherwise does not.
    serialConflict: !isSubset(serialA, serialB) && !isSubset(serialB, serialA) && overlap(plainA, plainB) >= ALIKE_TITLE,
  }
}

function splitKicker(title: string): [string | null, string] {
  const at = title.indexOf(': ')
  return at < 0 ? [null, title] : [title.slice(0, at), title.slice(at + 2)]
}

// Shared words over the smaller set's size (the overlap coefficient), so a headline cut short still matches.
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const smaller = Math.min(a.size, b.size)
  return smaller === 0 ? 0 : [...a].filter((word) => b.has(word)).length / smaller
}

// Numbers and dates: what tells "Crossword No. 1,204" from "No. 1,205", or Monday's rates from Tuesday's.
function isSerialWord(word: string): boolean {
  return /^\d/.test(word) || word.startsWith(DATE_WORD_PREFIX)
}

// Whether every word of `a` occurs in `b` at least as often.
function isSubset(a: readonly string[], b: readonly string[]): boolean {
  const left = new Map<string, number>()
  for (const word of b) left.set(word, (left.get(word) ?? 0) + 1)
  return a.every((word) => {
    const count = left.get(word) ?? 0
    left.set(word, count - 1)
    return count > 0
  })
}
