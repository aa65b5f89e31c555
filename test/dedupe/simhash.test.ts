import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FINGERPRINT_BITS, fingerprintBands, hammingDistance, murmurHash3, simhash } from '../../src/dedupe/index.js'

const HEX_DIGITS = FINGERPRINT_BITS / 4
const FINGERPRINT = fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 8, maxLength: 8 })
  .map((words) => words.map((w) => w.toString(16).padStart(8, '0')).join(''))
const UTF8 = new TextEncoder()

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
  it('gives the fingerprints stored so far (a change needs a recompute of stored features)', () => {
    expect(simhash([['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'the', 'lazy', 'dog']]))
      .toBe('12833562df937670ae75545bbf26f0fc83462e963d935f5b28fb5f3032743e4b')
    // One shingle: its eight MurmurHash3 values, seeds 0 to 7.
    expect(simhash([['hello']]).slice(0, 16)).toBe('248bfa47bb4abcad')
    expect(simhash([])).toBe('0'.repeat(HEX_DIGITS))
  })

  it('counts a repeated shingle once', () => {
    const line = ['rain', 'fell', 'all', 'day']
    expect(simhash([line, line])).toBe(simhash([[...line, ...line]]))
  })

  it('is 64 hex digits for any words', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ minLength: 1 }), { maxLength: 30 }), { maxLength: 5 }), (blocks) =>
      new RegExp(`^[0-9a-f]{${HEX_DIGITS}}$`).test(simhash(blocks))))
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
