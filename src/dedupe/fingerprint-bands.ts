/**
 * Bands of 16 bits: n bands cover a fingerprint's first 16n bits, and two fingerprints that differ in
 * fewer than n of those bits share at least one band (pigeonhole; Manku, Jain and Das Sarma 2007
 * index SimHash the same way). 16 bits keep a band's bucket small: about one unrelated item in 65,536
 * falls into it.
 */
const HEX_PER_BAND = 4

/**
 * Returns the first `bands` 16-bit bands of a fingerprint as equality keys, `<label><band index>:<4 hex
 * digits>`, e.g. `f0:9a3c`; the label keeps the bands of different fingerprints apart in one index.
 * Throws RangeError when the fingerprint is not hex or too short.
 */
export function fingerprintBands(fingerprint: string, label: string, bands: number): string[] {
  if (!/^[0-9a-f]*$/.test(fingerprint) || fingerprint.length < bands * HEX_PER_BAND) {
    throw new RangeError(`dedupe: not a hex fingerprint of ${bands * 16} bits or more: ${fingerprint}`)
  }
  return Array.from({ length: bands }, (_, band) => `${label}${band}:${fingerprint.slice(band * HEX_PER_BAND, (band + 1) * HEX_PER_BAND)}`)
}
