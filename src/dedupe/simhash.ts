/** Words per shingle: three-word shingles keep word order, so texts that share names but not sentences differ. */
const SHINGLE_WORDS = 3
/**
 * Fingerprint length. A 64-bit SimHash estimates the angle between two texts with a standard deviation
 * of about 3 bits at the distances that tell an edited copy from a templated series (8–16 of 64), too
 * coarse to set a threshold there; 256 bits halve it. Any prefix is itself a shorter SimHash, which
 * is what fingerprintBands indexes.
 */
export const FINGERPRINT_BITS = 256
/**
 * Which definition of simhash() the fingerprints follow; stored with each item, since fingerprints of
 * different versions are not comparable. 1: MurmurHash3 of each shingle's UTF-8 with seeds 0–7 (until
 * 2026-12). 2: the one-pass integer hash below, about 10× faster.
 */
export const FINGERPRINT_VERSION = 2
const LANES = FINGERPRINT_BITS / 32
/**
 * A shingle's vote grows with the length of the block it starts in, up to this many words. Short
 * blocks are mostly boilerplate that no rule caught (app and membership plugs, tip lines); block
 * length is the strongest single cue for that (Kohlschütter, Fankhauser and Nejdl, "Boilerplate
 * Detection using Shallow Text Features", WSDM 2010). News paragraphs run 25–60 words.
 */
const FULL_WEIGHT_WORDS = 40
const ZERO = '0'.repeat(FINGERPRINT_BITS / 4)
const HEX = '0123456789abcdef'
// MurmurHash3 x86_32 constants (smhasher), and the golden-ratio step of splitmix32.
const C1 = 0xcc9e2d51
const C2 = 0x1b873593
const GOLDEN = 0x9e3779b9

// Scratch space reused by every call (simhash is synchronous, so calls never overlap): the votes,
// per lane and nibble, of each of the 16 nibble values; and the open-addressing table of the
// shingles seen, hash and weight (0 = free slot; weights are at least 1).
const nibbleVotes = new Float64Array(LANES * 8 * 16)
// Smaller (64) made the 4 KB case 1.6× slower as measured (npm run bench -- fingerprint), cause not found.
const MIN_SLOTS = 1024
let seenHashes = new Int32Array(MIN_SLOTS)
let seenWeights = new Int32Array(MIN_SLOTS)

/**
 * Returns the 256-bit SimHash (Charikar 2002; used for web near-duplicates by Manku, Jain and Das
 * Sarma 2007), version 2, of a text given as blocks of words, as 64 lowercase hex digits.
 *
 * Each word's hash is FNV-1a (32 bits) over its UTF-16 code units; a shingle's (three consecutive
 * words, across block boundaries) is MurmurHash3 x86_32, seed 0, of those three hashes as 12
 * little-endian bytes; its 256 bits are the 8 outputs of splitmix32 started at the shingle's hash.
 * Each distinct shingle (by hash) votes on each bit, +w where the bit is set and -w where not, w
 * being min(1, block words / 40) of the block the shingle starts in (its largest, for a repeated
 * shingle). A bit is set where the votes are positive; the hex digits read the bits in order, lane
 * 0's most significant first. Fewer words than a shingle make one shingle (MurmurHash3 of their
 * hashes); no words give all zeros. Never throws.
 */
export function simhash(blocks: readonly (readonly string[])[]): string {
  let words = 0
  let firstWeight = 0
  for (const block of blocks) {
    if (firstWeight === 0 && block.length > 0) firstWeight = Math.min(FULL_WEIGHT_WORDS, block.length)
    words += block.length
  }
  if (words === 0) return ZERO
  nibbleVotes.fill(0)
  let total = 0
  if (words < SHINGLE_WORDS) {
    let h = 0
    for (const block of blocks) for (const word of block) h = murmurStep(h, wordHash(word))
    vote(murmurFinish(h, words * 4), firstWeight)
    return bits(firstWeight)
  }
  // Twice as many slots as shingles, at least: probes stay short.
  let slots = MIN_SLOTS
  while (slots < 2 * words) slots *= 2
  if (seenHashes.length < slots) {
    seenHashes = new Int32Array(slots)
    seenWeights = new Int32Array(slots)
  } else {
    seenWeights.fill(0, 0, slots)
  }
  const mask = slots - 1
  // The window: the last three words' hashes and the weight of the one it starts at (in 40ths,
  // whole numbers, so that the votes add up exactly in any order).
  let h0 = 0
  let h1 = 0
  let w0 = 0
  let w1 = 0
  let seen = 0
  for (const block of blocks) {
    const weight = Math.min(FULL_WEIGHT_WORDS, block.length)
    for (const word of block) {
      const h2 = wordHash(word)
      if (++seen >= SHINGLE_WORDS) {
        const shingle = murmurFinish(murmurStep(murmurStep(murmurStep(0, h0), h1), h2), SHINGLE_WORDS * 4)
        // A repeated shingle votes once, with its largest weight: the votes are linear in the
        // weight, so raising it means voting the difference.
        let slot = shingle & mask
        while (seenWeights[slot] !== 0 && seenHashes[slot] !== shingle) slot = (slot + 1) & mask
        const before = seenWeights[slot]!
        if (w0 > before) {
          seenHashes[slot] = shingle
          seenWeights[slot] = w0
          vote(shingle, w0 - before)
          total += w0 - before
        }
      }
      h0 = h1
      h1 = h2
      w0 = w1
      w1 = weight
    }
  }
  return bits(total)
}

// Adds `weight` to the count of each of the shingle's 64 nibbles (8 lanes of 8): a quarter of the
// additions of voting bit by bit; bits() sums them per bit.
function vote(shingle: number, weight: number): void {
  let state = shingle
  for (let base = 0; base < nibbleVotes.length; base += 128) {
    state = (state + GOLDEN) | 0
    let x = state ^ (state >>> 16)
    x = Math.imul(x, 0x85ebca6b)
    x ^= x >>> 13
    x = Math.imul(x, 0xc2b2ae35)
    x ^= x >>> 16
    nibbleVotes[base + (x & 15)]! += weight
    nibbleVotes[base + 16 + ((x >>> 4) & 15)]! += weight
    nibbleVotes[base + 32 + ((x >>> 8) & 15)]! += weight
    nibbleVotes[base + 48 + ((x >>> 12) & 15)]! += weight
    nibbleVotes[base + 64 + ((x >>> 16) & 15)]! += weight
    nibbleVotes[base + 80 + ((x >>> 20) & 15)]! += weight
    nibbleVotes[base + 96 + ((x >>> 24) & 15)]! += weight
    nibbleVotes[base + 112 + (x >>> 28)]! += weight
  }
}

// A bit's vote is (weight of shingles with it set) - (weight of those without) = 2 × set - total.
function bits(total: number): string {
  let hex = ''
  for (let lane = 0; lane < LANES; lane++) {
    // Nibble 7 holds the lane's most significant bits, which come first.
    for (let nibble = 7; nibble >= 0; nibble--) {
      const base = lane * 128 + nibble * 16
      let digit = 0
      for (let bit = 3; bit >= 0; bit--) {
        let set = 0
        for (let value = 1 << bit; value < 16; value = (value + 1) | (1 << bit)) set += nibbleVotes[base + value]!
        digit = (digit << 1) | (2 * set - total > 0 ? 1 : 0)
      }
      hex += HEX[digit]
    }
  }
  return hex
}

// FNV-1a over UTF-16 code units: no UTF-8 encoding, no string built. Its weak low bits are mixed by
// MurmurHash3's key mixing in murmurStep.
function wordHash(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193)
  return h
}

// One 4-byte block of MurmurHash3 x86_32.
function murmurStep(h: number, key: number): number {
  let k = Math.imul(key, C1)
  k = (k << 15) | (k >>> 17)
  h ^= Math.imul(k, C2)
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

// MurmurHash3 x86_32's finalization, for a key of `length` bytes.
function murmurFinish(h: number, length: number): number {
  h ^= length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
