import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FINGERPRINT_BITS, FINGERPRINT_VERSION, fingerprintBands, hammingDistance, murmurHash3, simhash } from '../../src/dedupe/index.js'

const HEX_DIGITS = FINGERPRINT_BITS / 4
const FINGERPRINT = fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 8, maxLength: 8 })
  .map((words) => words.map((w) => w.toString(16).padStart(8, '0')).join(''))
const UTF8 = new TextEncoder()
const BLOCKS = fc.array(fc.array(fc.string({ minLength: 1, unit: 'binary' }), { maxLength: 60 }), { maxLength: 6 })
const VOCABULARY_WORD = fc.integer({ min: 0, max: 4999 }).map((n) => `w${n}`)

// simhash version 2 as its comment defines it, built from the reference MurmurHash3 over bytes.
function referenceSimhash(blocks: readonly (readonly string[])[]): string {
  const words = blocks.flat()
  if (words.length === 0) return '0'.repeat(HEX_DIGITS)
  const weights = blocks.flatMap((block) => block.map(() => Math.min(40, block.length)))
  const fnv1a = (word: string) => {
    let h = 0x811c9dc5
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0
    return h
  }
  const littleEndian = (values: readonly number[]) => {
    const bytes = new Uint8Array(values.length * 4)
    values.forEach((value, i) => new DataView(bytes.buffer).setUint32(i * 4, value, true))
    return bytes
  }
  const shingles = new Map<number, number>()
  const size = Math.min(3, words.length)
  for (let i = 0; i + size <= words.length; i++) {
    const hash = murmurHash3(littleEndian(words.slice(i, i + size).map(fnv1a)), 0)
    shingles.set(hash, Math.max(shingles.get(hash) ?? 0, weights[i]!))
  }
  const votes = new Array<number>(FINGERPRINT_BITS).fill(0)
  for (const [hash, weight] of shingles) {
    let state = hash
    for (let lane = 0; lane < FINGERPRINT_BITS / 32; lane++) {
      state = (state + 0x9e3779b9) >>> 0
      let z = state
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      z = (z ^ (z >>> 16)) >>> 0
      for (let bit = 0; bit < 32; bit++) votes[lane * 32 + bit]! += ((z >>> (31 - bit)) & 1) === 1 ? weight : -weight
    }
  }
  let hex = ''
  for (let digit = 0; digit < HEX_DIGITS; digit++) {
    hex += votes.slice(digit * 4, digit * 4 + 4).reduce((value, vote) => (value << 1) | (vote > 0 ? 1 : 0), 0).toString(16)
  }
  return hex
}

function flip(fingerprint: string, bits: readonly number[]): string {
  const digits = [...fingerprint].map((d) => Number.parseInt(d, 16))
  for (const bit of bits) digits[bit >> 2] = (digits[bit >> 2] ?? 0) ^ (8 >> (bit & 3))
  return digits.map((d) => d.toString(16)).join('')
}

describe('murmurHash3', () => {
  // Reference values of MurmurHash3_x86_32 (smhasher).
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abc', 0, 0xb3dd93fa],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ])('%j with seed %i', (text, seed, expected) => {
    expect(murmurHash3(UTF8.encode(text), seed)).toBe(expected)
  })
})

describe('simhash', () => {
  it('gives the version 2 fingerprints stored so far (a change needs a new FINGERPRINT_VERSION)', () => {
    expect(FINGERPRINT_VERSION).toBe(2)
    expect(simhash([['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'the', 'lazy', 'dog']]))
      .toBe('b4191a9ac4557c8f3ac793815e3b57fa0ea3fc567f5ee43330cdc2608e7bf23e')
    // One shingle: its eight splitmix32 lanes as they are.
    expect(simhash([['hello']])).toBe('9211709d7597dbdd6c5527f5a1d83dacfe789722ca05387579435b052aa75d32')
    expect(simhash([['rain', 'fell'], ['all', 'day', 'long', 'on', 'the', 'coast']]))
      .toBe('911bee2189586a94e4080706e041a09a0019a5e19944a474d1bcb86c3116d58a')
    expect(simhash([])).toBe('0'.repeat(HEX_DIGITS))
    expect(simhash([[], []])).toBe('0'.repeat(HEX_DIGITS))
  })

  it('follows its definition, written out here the slow way over MurmurHash3 of bytes', () => {
    fc.assert(fc.property(BLOCKS, (blocks) => {
      expect(simhash(blocks)).toBe(referenceSimhash(blocks))
    }))
  })

  it('counts a repeated shingle once', () => {
    const line = ['rain', 'fell', 'all', 'day']
    expect(simhash([line, line])).toBe(simhash([[...line, ...line]]))
  })

  it('is a deterministic string of 64 hex digits for any words', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ minLength: 1 }), { maxLength: 30 }), { maxLength: 5 }), (blocks) => {
      const fingerprint = simhash(blocks)
      expect(fingerprint).toMatch(new RegExp(`^[0-9a-f]{${HEX_DIGITS}}$`))
      expect(simhash(structuredClone(blocks))).toBe(fingerprint)
    }))
  })

  it('keeps a text with one word replaced near, and an unrelated text far', () => {
    // About 500 distinct shingles of which one word changes 3: an angle of about sqrt(6 / 500) rad, so
    // some 9 of 256 bits on average (Charikar 2002), standard deviation about 3 (20,000 trials: 0–23);
    // unrelated texts about 128 (5,000 trials: 96 and up). The bounds leave room for chance.
    const text = fc.array(VOCABULARY_WORD, { minLength: 400, maxLength: 600 })
    fc.assert(fc.property(text, text, fc.nat(), VOCABULARY_WORD, (words, other, at, replacement) => {
      const edited = words.with(at % words.length, `${replacement}x`)
      expect(hammingDistance(simhash([words]), simhash([edited]))).toBeLessThanOrEqual(32)
      expect(hammingDistance(simhash([words]), simhash([other]))).toBeGreaterThanOrEqual(64)
    }))
  })
})

describe('hammingDistance', () => {
  it.each([
    ['00000000', '00000000', 0],
    ['ffffffffffffffff', '0000000000000000', 64],
    ['8000000000000001', '0000000000000000', 2],
    ['f0f0f0f0f0f0f0f0', '0f0f0f0f0f0f0f0f', 64],
  ])('%s vs %s = %i', (a, b, expected) => {
    expect(hammingDistance(a, b)).toBe(expected)
  })

  it('throws for malformed or unequal fingerprints', () => {
    expect(() => hammingDistance('xyz', '00000000')).toThrow(RangeError)
    expect(() => hammingDistance('00000000', '0000000000000000')).toThrow(RangeError)
  })

  it('is a metric: symmetric, zero on itself, triangle inequality', () => {
    fc.assert(fc.property(FINGERPRINT, FINGERPRINT, FINGERPRINT, (a, b, c) =>
      hammingDistance(a, b) === hammingDistance(b, a) && hammingDistance(a, a) === 0 &&
      hammingDistance(a, c) <= hammingDistance(a, b) + hammingDistance(b, c)))
  })
})

describe('fingerprintBands', () => {
  it('labels each 16-bit band from the start', () => {
    expect(fingerprintBands('0123456789abcdef', 'l', 4)).toEqual(['l0:0123', 'l1:4567', 'l2:89ab', 'l3:cdef'])
  })

  it('throws for a fingerprint too short for its bands', () => {
    expect(() => fingerprintBands('0123', 'f', 2)).toThrow(RangeError)
  })

  it('shares a band between fingerprints that differ in fewer banded bits than there are bands (pigeonhole)', () => {
    fc.assert(fc.property(FINGERPRINT, fc.uniqueArray(fc.integer({ min: 0, max: 127 }), { maxLength: 7 }), (fp, bits) => {
      const flipped = flip(fp, bits)
      const bands = new Set(fingerprintBands(fp, 'f', 8))
      return hammingDistance(fp, flipped) === bits.length && fingerprintBands(flipped, 'f', 8).some((band) => bands.has(band))
    }))
  })
})
