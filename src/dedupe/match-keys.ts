import { createHash } from 'node:crypto'
import { fingerprintBands } from './fingerprint-bands.js'
import { FINGERPRINT_VERSION } from './simhash.js'
import { MIN_TEXT_WORDS, type StoryFeatures } from './story-features.js'
import { plainTitle, titleWords } from './title-words.js'

// A shorter title is too generic ("Live updates", "Letters") to make a useful bucket.
const MIN_TITLE_KEY_WORDS = 3
// Bands of 16 bits. The whole text gets eight (its first 128 bits: any two within 7 of those bits
// share a band, and at the distances sameStory accepts most still do); an opening that matches is
// nearly identical, so four are plenty.
const TEXT_BANDS = 8
const LEAD_BANDS = 4
// Band labels name the fingerprint version (version 1 used bare `f` and `l`), so that bands of
// fingerprints of different versions never share a key while stored items are recomputed.
const TEXT_LABEL = `v${FINGERPRINT_VERSION}f`
const LEAD_LABEL = `v${FINGERPRINT_VERSION}l`

/**
 * Returns the equality keys under which the store indexes an item, so that finding the candidates for
 * sameStory costs one index lookup per key instead of a scan: `u:` the link (hashed urlMatchKey), `t:`
 * the title (hashed), `v2f0:`…`v2f7:` the bands of the whole-text fingerprint and `v2l0:`…`v2l3:`
 * those of the opening's (labelled with FINGERPRINT_VERSION). Two items share a key when sameStory would match them by link or equal title, and
 * (by pigeonhole) when their fingerprints or openings are near enough; at the larger distances that
 * sameStory also accepts they share one only by likelihood. Never throws.
 */
export function matchKeys(features: StoryFeatures): string[] {
  const keys: string[] = []
  if (features.urlKey !== null) keys.push(`u:${digest(features.urlKey)}`)
  if (titleWords(features.title).length >= MIN_TITLE_KEY_WORDS) keys.push(`t:${digest(plainTitle(features.title))}`)
  // Shorter texts are compared by title only (sameStory), and their fingerprints would crowd a few buckets.
  if (features.textLength >= MIN_TEXT_WORDS) {
    if (features.fingerprint !== null) keys.push(...fingerprintBands(features.fingerprint, TEXT_LABEL, TEXT_BANDS))
    if (features.leadFingerprint !== null) keys.push(...fingerprintBands(features.leadFingerprint, LEAD_LABEL, LEAD_BANDS))
  }
  return keys
}

// Hashed so that a long URL or title makes a short, fixed-size index key.
function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32)
}
