import { hasAllowedScheme } from './has-allowed-scheme.js'

// The srcset as sanitize-html wrote it, which the stored content and its tests keep: its srcset
// reading (the parse-srcset package, after HTML §4.8.4.3.10 "parse a srcset attribute") and its
// writing, `url[ Nw][ Nh][ Nx]` with numbers as JavaScript prints them ("1.50x" becomes "1.5x",
// "0x" nothing). A candidate the reading refuses is dropped; parse-srcset also console.logged it,
// and stdout is reserved for command output.

/** A srcset candidate as read: the URL and its parsed descriptors (absent when not given, or zero). */
interface Candidate {
  readonly url: string
  readonly w: number | undefined
  readonly h: number | undefined
  readonly d: number | undefined
}

const NON_NEGATIVE_INTEGER = /^\d+$/
// parse-srcset's floating-point number (HTML §2.3.4.3), in the shape absoluteSrcset's DENSITY has.
const FLOATING_POINT = /^-?(?:\d+|\d*\.\d+)(?:[eE][+-]?\d+)?$/
// sanitize-html checks each candidate's URL against the schemes it allows when no tag names its own.
const CANDIDATE_SCHEMES = ['http', 'https', 'mailto']

// Runs on absoluteSrcset's output, where every URL is an absolute http(s) href (so no whitespace,
// `<` or control character) and every descriptor valid: what it changes there is the descriptors'
// spelling and order.
/** Returns the srcset as sanitize-html rewrites it, or '' when no candidate is left. Never throws. */
export function formatSrcset(srcset: string): string {
  const written: string[] = []
  for (const candidate of readCandidates(srcset)) {
    if (!hasAllowedScheme(candidate.url, CANDIDATE_SCHEMES)) continue
    // sanitize-html threw on an empty URL and dropped the whole attribute.
    if (candidate.url === '') return ''
    let text = candidate.url
    if (candidate.w) text += ` ${candidate.w}w`
    if (candidate.h) text += ` ${candidate.h}h`
    if (candidate.d) text += ` ${candidate.d}x`
    written.push(text)
  }
  return written.join(', ')
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r'
}

// parse-srcset's tokenizer, state for state.
function readCandidates(input: string): Candidate[] {
  const candidates: Candidate[] = []
  let pos = 0
  for (;;) {
    while (pos < input.length && (isSpace(input.charAt(pos)) || input.charAt(pos) === ',')) pos++
    if (pos >= input.length) return candidates
    const urlStart = pos
    while (pos < input.length && !isSpace(input.charAt(pos))) pos++
    let url = input.slice(urlStart, pos)
    const descriptors: string[] = []
    if (url.endsWith(',')) {
      let end = url.length
      while (end > 0 && url.charAt(end - 1) === ',') end--
      url = url.slice(0, end)
    } else {
      pos = readDescriptors(input, pos, descriptors)
    }
    const candidate = parseDescriptors(url, descriptors)
    if (candidate !== null) candidates.push(candidate)
  }
}

// Collects the descriptors after a URL into `descriptors`; returns the position after them (past a comma).
function readDescriptors(input: string, from: number, descriptors: string[]): number {
  let pos = from
  while (pos < input.length && isSpace(input.charAt(pos))) pos++
  let current = ''
  let state: 'in descriptor' | 'in parens' | 'after descriptor' = 'in descriptor'
  for (;; pos++) {
    const c = input.charAt(pos)
    if (state === 'in descriptor') {
      if (isSpace(c)) {
        if (current !== '') {
          descriptors.push(current)
          current = ''
          state = 'after descriptor'
        }
      } else if (c === ',') {
        if (current !== '') descriptors.push(current)
        return pos + 1
      } else if (c === '(') {
        current += c
        state = 'in parens'
      } else if (c === '') {
        if (current !== '') descriptors.push(current)
        return pos
      } else {
        current += c
      }
    } else if (state === 'in parens') {
      if (c === ')') {
        current += c
        state = 'in descriptor'
      } else if (c === '') {
        descriptors.push(current)
        return pos
      } else {
        current += c
      }
    } else if (c === '') {
      return pos
    } else if (!isSpace(c)) {
      state = 'in descriptor'
      pos--
    }
  }
}

// parse-srcset's checks, truthiness included: a second `0x` is no error, and a zero density is not written.
function parseDescriptors(url: string, descriptors: readonly string[]): Candidate | null {
  let w: number | undefined
  let h: number | undefined
  let d: number | undefined
  for (const descriptor of descriptors) {
    const last = descriptor.charAt(descriptor.length - 1)
    const value = descriptor.slice(0, -1)
    const integer = parseInt(value, 10)
    if (NON_NEGATIVE_INTEGER.test(value) && last === 'w') {
      if (w || d || integer === 0) return null
      w = integer
    } else if (FLOATING_POINT.test(value) && last === 'x') {
      const float = parseFloat(value)
      if (w || d || h || float < 0) return null
      d = float
    } else if (NON_NEGATIVE_INTEGER.test(value) && last === 'h') {
      if (h || d || integer === 0) return null
      h = integer
    } else {
      return null
    }
  }
  return { url, w, h, d }
}
