import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { matchKeys, sameStory, storyFeatures, type StoryFeatures, type StoryMatch } from '../../../src/dedupe/index.js'
import { buildSideItem, type Article, type FeedSpec, type SideSpec } from './build-side-item.js'
import { sharedPath } from '../../helpers/shared-data.js'

const HERE = fileURLToPath(new URL('.', import.meta.url))
/** The shared scraped article (issue 5), used by path like the rest of the shared corpus. */
const SEED_FILE = sharedPath('seed/000_95e844e618777d2a.txt')

/** One labeled pair: two copies and whether they are the same story. */
export interface LabeledPair {
  readonly id: string
  readonly category: string
  readonly same: boolean
  readonly note: string
  readonly a: SideSpec
  readonly b: SideSpec
}

/** How one pair was decided. */
export interface PairOutcome {
  readonly pair: LabeledPair
  readonly match: StoryMatch
  /** Whether the two items share a matchKeys key, i.e. the store would ever compare them. */
  readonly retrievable: boolean
  /**
   * Same story as far as the store is concerned. A positive counts only when sameStory matches it and
   * the two share a key (otherwise the store never compares them); a negative counts as matched
   * whenever sameStory matches it, since any key may collide by chance.
   */
  readonly predicted: boolean
  readonly features: readonly [StoryFeatures, StoryFeatures]
}

/** Precision and recall over some pairs; null where nothing was predicted or nothing was positive. */
export interface Score {
  readonly pairs: number
  readonly positives: number
  readonly truePositives: number
  readonly falsePositives: number
  readonly falseNegatives: number
  readonly precision: number | null
  readonly recall: number | null
}

/** Reads the labeled set from test/dedupe/labeled-pairs; throws when a file is missing or malformed. */
export function loadLabeledPairs(): { pairs: LabeledPair[], decide: (pair: LabeledPair) => PairOutcome } {
  const { articles } = JSON.parse(fs.readFileSync(`${HERE}articles.json`, 'utf8')) as { articles: Article[] }
  const set = JSON.parse(fs.readFileSync(`${HERE}pairs.json`, 'utf8')) as {
    baseTime: string, feeds: Record<string, FeedSpec>, pairs: LabeledPair[]
  }
  const context = {
    articles: new Map(articles.map((article) => [article.id, article])),
    seedText: fs.readFileSync(SEED_FILE, 'utf8'),
    feeds: set.feeds,
    baseTime: new Date(set.baseTime),
  }
  const features = (side: SideSpec): StoryFeatures => {
    const { item, options } = buildSideItem(side, context)
    return storyFeatures(item, options)
  }
  const decide = (pair: LabeledPair): PairOutcome => {
    const a = features(pair.a)
    const b = features(pair.b)
    const match = sameStory(a, b)
    const keysA = new Set(matchKeys(a))
    const retrievable = matchKeys(b).some((key) => keysA.has(key))
    return { pair, match, retrievable, predicted: match.same && (retrievable || !pair.same), features: [a, b] }
  }
  return { pairs: set.pairs, decide }
}

/** Returns precision and recall of some outcomes. */
export function score(outcomes: readonly PairOutcome[]): Score {
  const truePositives = outcomes.filter((o) => o.pair.same && o.predicted).length
  const falsePositives = outcomes.filter((o) => !o.pair.same && o.predicted).length
  const falseNegatives = outcomes.filter((o) => o.pair.same && !o.predicted).length
  const positives = outcomes.filter((o) => o.pair.same).length
  return {
    pairs: outcomes.length,
    positives,
    truePositives,
    falsePositives,
    falseNegatives,
    precision: truePositives + falsePositives === 0 ? null : truePositives / (truePositives + falsePositives),
    recall: positives === 0 ? null : truePositives / positives,
  }
}

/** Decides every labeled pair and scores them per category and overall; throws when the set cannot be read. */
export function evaluateLabeledPairs(): { outcomes: PairOutcome[], byCategory: Map<string, Score>, overall: Score } {
  const { pairs, decide } = loadLabeledPairs()
  const outcomes = pairs.map(decide)
  const categories = [...new Set(pairs.map((pair) => pair.category))]
  const byCategory = new Map(categories.map((category) => [category, score(outcomes.filter((o) => o.pair.category === category))]))
  return { outcomes, byCategory, overall: score(outcomes) }
}
