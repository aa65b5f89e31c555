import type { StoryCandidate, StoryChoice, StoryFeatures, StoryMatcher } from '../model/index.js'
import { MATCH_WINDOW_MS, sameStory } from './same-story.js'

/**
 * Returns the story a new item joins: among the candidates sameStory accepts, a link match first (the
 * publisher says it is the same article), then the smallest fingerprint distance, then a title match;
 * ties go to the earlier candidate (the store lists them newest first). Null when none matches. Pure.
 */
export function chooseStory(item: StoryFeatures, candidates: readonly StoryCandidate[]): StoryChoice | null {
  let best: { choice: StoryChoice; rank: number } | null = null
  for (const candidate of candidates) {
    const match = sameStory(item, candidate.features)
    if (!match.same) continue
    const distance = match.distance ?? null
    const rank = match.rule === 'canonical_url' ? -1 : distance ?? Number.POSITIVE_INFINITY
    if (best === null || rank < best.rank) best = { choice: { storyId: candidate.storyId, rule: match.rule, distance }, rank }
  }
  return best?.choice ?? null
}

/** sameStory's rules and window, as the store's upsert takes them. */
export const storyMatcher: StoryMatcher = { windowMs: MATCH_WINDOW_MS, choose: chooseStory }
