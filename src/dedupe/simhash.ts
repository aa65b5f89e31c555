import { murmurHash3 } from './murmur-hash3.js'

/** Words per shingle: three-word shingles keep word order, so texts that share names but not sentences differ. */
const SHINGLE_WORDS = 3
/**
 * Fingerprint length. A 64-bit SimHash estimates the angle between two texts with a standard deviation
 * of about 3 bits at the distances that tell an edited copy from a templated series (8–16 of 64), too
 * coarse to set a threshold there; 256 bits halve it. Any prefix is itself a shorter SimHash, which
 * is what fingerprintBands indexes.
 */
export const FINGERPRINT_BITS = 256
const HALVES = FINGERPRINT_BITS / 32
const UTF8 = new TextEncoder()
/**
 * A shingle's vote grows with the length of the block it starts in, up to this many words. Short
 * blocks are mostly boilerplate that no rule caught (app and membership plugs, tip lines); block
 * length is the strongest single cue for that (Kohlschütter, Fankhauser and Nejdl, "Boilerplate
 * Detection using Shallow Text Features", WSDM 2010). News paragraphs run 25–60 words.
 */
const FULL_WEIGHT_WORDS = 40

/**
 * Returns the 256-bit SimHash (Charikar 2002; used for web near-duplicates by Manku, Jain and Das
 * Sarma 2007) of a text given as blocks of words, as 64 lowercase hex digits. Each distinct word
 * shingle (across block boundaries; words joined by one space, as UTF-8) gets a 256-bit hash, the
 * MurmurHash3 x86_32 values with seeds 0 to 7 in turn, and votes on each bit, +w where its hash has
 * the bit set and -w where not, w being min(1, block words / 40) of the block the shingle starts in
 * (its largest, for a repeated shingle). A bit is set where the votes are positive; the hex digits
 * read the bits in order, seed 0's most significant bit first. Fewer words than a shingle make one
 * shingle; no words give all zeros. Never throws.
 */
export function simhash(blocks: readonly (readonly string[])[]): string {
  // A bit's vote is (weight of shingles with it set) - (weight of those without) = 2 × set - total, so
  // only the set bits of each hash are visited: half the work of adding ±w for all 256.
  const setWeights = new Float64Array(FINGERPRINT_BITS)
  let total = 0
  for (const [shingle, weight] of weightedShingles(blocks)) {
    total += weight
    const bytes = UTF8.encode(shingle)
    for (let half = 0; half < HALVES; half++) {
      let hash = murmurHash3(bytes, half) >>> 0
      while (hash !== 0) {
        // The highest set bit is bit `lead` counting from the most significant, which comes first.
        const lead = Math.clz32(hash)
        setWeights[half * 32 + lead]! += weight
        hash = (hash ^ (0x8000_0000 >>> lead)) >>> 0
      }
    }
  }
  let hex = ''
  for (let nibble = 0; nibble < FINGERPRINT_BITS / 4; nibble++) {
    let value = 0
    for (let i = 0; i < 4; i++) value = (value << 1) | (2 * setWeights[nibble * 4 + i]! - total > 0 ? 1 : 0)
    hex += value.toString(16)
  }
  return hex
}

function weightedShingles(blocks: readonly (readonly string[])[]): Map<string, number> {
  const words = blocks.flat()
  // In 40ths (whole numbers), so that the votes add up exactly, in any order.
  const weights = blocks.flatMap((block) => block.map(() => Math.min(FULL_WEIGHT_WORDS, block.length)))
  const result = new Map<string, number>()
  if (words.length > 0 && words.length < SHINGLE_WORDS) result.set(words.join(' '), weights[0] ?? FULL_WEIGHT_WORDS)
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    const shingle = words.slice(i, i + SHINGLE_WORDS).join(' ')
    result.set(shingle, Math.max(result.get(shingle) ?? 0, weights[i] ?? FULL_WEIGHT_WORDS))
  }
  return result
}
