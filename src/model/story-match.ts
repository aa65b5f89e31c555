/**
 * What decides whether an item is the same story as another (dedupe/ computes it, store/ keeps it with
 * the item). Plain data, JSON-safe but for the Date.
 */
export interface StoryFeatures {
  readonly feedId: number
  /** urlMatchKey of the item's canonical link; null without one or for the homepage trap. */
  readonly urlKey: string | null
  /** normalizeTitle of the title: no site affixes, lowercase words joined by single spaces, "kicker: rest". */
  readonly title: string
  /** simhash of the body without boilerplate; null when the body has no words. */
  readonly fingerprint: string | null
  /** simhash of the body's first LEAD_WORDS words; null when the body is shorter. */
  readonly leadFingerprint: string | null
  /**
   * dedupe FINGERPRINT_VERSION of both fingerprints; fingerprints of different versions are never
   * compared. 1 for items stored before versions were kept.
   */
  readonly fingerprintVersion: number
  /** Words in the body without boilerplate. */
  readonly textLength: number
  /** The item's date, else when it was first seen. */
  readonly publishedAt: Date
}

/** An item's features and the equality keys (dedupe `matchKeys`) under which the store indexes them. */
export interface ItemMatchData {
  readonly features: StoryFeatures
  /** Keys of the item's link: the same link is the same story however far apart the dates are. */
  readonly linkKeys: readonly string[]
  /** Keys of its title and text, which match only within the matcher's time window. */
  readonly keys: readonly string[]
}

/** A stored item that shares a match key with a new one. */
export interface StoryCandidate {
  readonly storyId: string
  readonly features: StoryFeatures
}

/** The story a new item joins, the rule that decided, and the fingerprint distance that rule looked at. */
export interface StoryChoice {
  readonly storyId: string
  readonly rule: string
  readonly distance: number | null
}

/** How the store finds the story of a new item (dedupe/ provides it; the store only runs the SQL). */
export interface StoryMatcher {
  /** Candidates by title or text key are looked for only this far, either way, from the item's date. */
  readonly windowMs: number
  /** Picks the story a new item joins among the candidates, or null to start a new one; pure. */
  readonly choose: (item: StoryFeatures, candidates: readonly StoryCandidate[]) => StoryChoice | null
}
