// MurmurHash3 x86_32 by Austin Appleby (public domain; reference: smhasher, MurmurHash3.cpp). Chosen
// for SimHash because it is fast in JavaScript, well mixed, and has the same definition everywhere,
// so stored fingerprints can be recomputed by any implementation. SimHash version 2 applies it to
// word hashes, inlined in simhash.ts; this byte version is the reference its tests check it against.
const C1 = 0xcc9e2d51
const C2 = 0x1b873593

/** Returns the 32-bit MurmurHash3 (x86_32) of some bytes with a seed, as an unsigned integer. Never throws. */
export function murmurHash3(bytes: Uint8Array, seed: number): number {
  let h = seed | 0
  const whole = bytes.length - (bytes.length % 4)
  for (let i = 0; i < whole; i += 4) {
    h ^= mixKey(byte(bytes, i) | (byte(bytes, i + 1) << 8) | (byte(bytes, i + 2) << 16) | (byte(bytes, i + 3) << 24))
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  const tail = bytes.length % 4
  if (tail > 0) {
    let k = byte(bytes, whole)
    if (tail >= 2) k |= byte(bytes, whole + 1) << 8
    if (tail === 3) k |= byte(bytes, whole + 2) << 16
    h ^= mixKey(k)
  }
  h ^= bytes.length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function mixKey(key: number): number {
  let k = Math.imul(key, C1)
  k = (k << 15) | (k >>> 17)
  return Math.imul(k, C2)
}

function byte(bytes: Uint8Array, index: number): number {
  return bytes[index] ?? 0
}
