/** Returns how many bits differ between two fingerprints of equal length; throws RangeError for malformed or unequal ones. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length || !/^(?:[0-9a-f]{8})+$/.test(a) || !/^(?:[0-9a-f]{8})+$/.test(b)) {
    throw new RangeError(`dedupe: fingerprints must be equally long runs of 8 hex digits: ${a} / ${b}`)
  }
  let distance = 0
  // 32 bits at a time: parseInt is exact there, and bitwise operators work on 32 bits.
  for (let i = 0; i < a.length; i += 8) {
    distance += popcount(Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16))
  }
  return distance
}

// Hacker's Delight §5-1 (parallel bit count over a 32-bit word).
function popcount(value: number): number {
  let v = value >>> 0
  v -= (v >>> 1) & 0x55555555
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}
