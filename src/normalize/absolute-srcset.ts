import { resolveUrl } from './resolve-url.js'

// Descriptors as the HTML srcset rules accept them (HTML §4.8.4.3.10): a width `640w`, a density
// `1.5x`, or a width with a height `640w 480h`. A positive integer is `0*[1-9]\d*`: linear, where
// `\d*[1-9]\d*` could place its nonzero digit n ways.
const WIDTH = /^0*[1-9]\d*w$/
const DENSITY = /^(?:\d+|\d*\.\d+)(?:[eE][+-]?\d+)?x$/
const HEIGHT = /^0*[1-9]\d*h$/

/** Returns a srcset with every candidate's URL absolute; candidates with bad URLs or descriptors are dropped. Never throws. */
export function absoluteSrcset(srcset: string, baseUrl: string | null): string {
  return parseCandidates(srcset)
    .flatMap(({ url, descriptors }) => {
      const absolute = resolveUrl(url, baseUrl)
      return absolute === null || !validDescriptors(descriptors) ? [] : [[absolute, ...descriptors].join(' ')]
    })
    .join(', ')
}

// A simplified "parse a srcset attribute" (HTML §4.8.4.3.10): a URL runs to the next whitespace
// and may contain commas (trailing ones end the candidate); descriptors run to the next comma
// outside parentheses.
function parseCandidates(srcset: string): { url: string; descriptors: string[] }[] {
  const candidates: { url: string; descriptors: string[] }[] = []
  let i = 0
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset.charAt(i))) i++
    if (i >= srcset.length) break
    const urlStart = i
    while (i < srcset.length && !/\s/.test(srcset.charAt(i))) i++
    let url = srcset.slice(urlStart, i)
    if (url.endsWith(',')) {
      // Linear: the lookbehind starts the match at the first comma of a run, never inside it.
      url = url.replace(/(?<!,),+$/, '')
      candidates.push({ url, descriptors: [] })
      continue
    }
    const descriptorStart = i
    let depth = 0
    while (i < srcset.length && (srcset.charAt(i) !== ',' || depth > 0)) {
      if (srcset.charAt(i) === '(') depth++
      else if (srcset.charAt(i) === ')') depth = Math.max(0, depth - 1)
      i++
    }
    const descriptors = srcset.slice(descriptorStart, i).trim().split(/\s+/).filter((d) => d !== '')
    candidates.push({ url, descriptors })
  }
  return candidates
}

function validDescriptors(descriptors: readonly string[]): boolean {
  const [first = '', second = ''] = descriptors
  if (descriptors.length === 0) return true
  if (descriptors.length === 1) return WIDTH.test(first) || DENSITY.test(first) || HEIGHT.test(first)
  if (descriptors.length === 2) return (WIDTH.test(first) && HEIGHT.test(second)) || (HEIGHT.test(first) && WIDTH.test(second))
  return false
}
