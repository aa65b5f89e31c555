import { titleSegments } from './title-segments.js'
import { wordTokens } from './word-tokens.js'

/** What a title's affixes are compared with: the feed's name, the item's host, a feed's repeated affixes. */
export interface TitleContext {
  readonly feedTitle?: string | null
  readonly url?: string | null
  /** From repeatedTitleAffixes over one feed's titles. */
  readonly affixes?: readonly string[]
}

// Labels that carry no name: "www.dailyplanet.co.uk" names the site "dailyplanet". The reserved
// `example` and `test` TLDs (RFC 2606) are nameless too.
const NAMELESS_HOST_LABELS = new Set([
  'www', 'm', 'mobile', 'amp', 'news', 'feeds', 'rss', 'blog', 'com', 'net', 'org', 'co', 'uk', 'io', 'example', 'test',
])
// A pipe suffix this short, and no longer than what it follows, is a site or section label ("| Video",
// "| World news | The Guardian") even when it spells neither; "Opinion | Trains are late" keeps its headline.
const MAX_AFFIX_WORDS = 4
// Over trimmed text, linear: the head ends and the label starts with a non-space, so no run of
// spaces can be split two ways (`(.+?)\s+` and `\s+([^|]+)` could).
const PIPE_SUFFIX = /^(.*?\S)\s+\|\s+([^\s|][^|]*)$/u
// Below this length a squashed affix is too short to be looked for inside a site name safely.
const MIN_PART_OF_NAME = 4
// An affix may hold a site name plus a word ("BBC News" on bbc.co.uk), but not a clause ("BBC weather team says").
const MAX_EXTRA_NAME_CHARS = 8
// A kicker ("Word of the day: petrichor", "Traffic alert – A14 closed") names a column or series;
// it is kept apart from the rest as "kicker: rest" so that sameStory can compare what follows it.
// It ends at ": " or at one of these marks (or "::") between spaces, as in titleSegments.
const KICKER_MARKS = new Set(['|', '–', '—', '-', '·', '•', '»', '~'])
const SPACE = /\s/
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/
const MAX_KICKER_WORDS = 6
/** Labels that newsrooms prepend to a headline and drop in republished copies. */
const FLASH_PREFIX = /^(?:breaking(?: news)?|update[ds]?|exclusive|just in|watch|video|photos?|listen)\s*[:|–—-]\s*/iu

/**
 * Returns a title as matched across feeds: site affixes (" – Site Name", "| Site", "Site: ") removed when
 * they spell the feed's name or host, a repeated affix, or a short pipe suffix; flash labels
 * ("BREAKING:") removed; then NFKC, lowercase, words joined by single spaces, and a short leading
 * kicker set off as "kicker: rest" whichever separator the title used. Never throws.
 */
export function normalizeTitle(title: string, context: TitleContext = {}): string {
  const names = siteNames(context)
  const segments = titleSegments(withoutPipeLabels(title.replace(FLASH_PREFIX, '')))
  while (segments.length > 1 && isSiteName(segments.at(-1) ?? '', names)) segments.pop()
  while (segments.length > 1 && isSiteName(segments[0] ?? '', names)) segments.shift()
  let kept = segments.join(' – ')
  const colon = /^([^:]{2,60}):\s+/u.exec(kept)
  if (colon !== null && isSiteName(colon[1] ?? '', names)) kept = kept.slice(colon[0].length)
  kept = kept.replace(FLASH_PREFIX, '')
  const kicker = splitKicker(kept)
  const kickerWords = wordTokens(kicker?.[0] ?? '')
  const restWords = wordTokens(kicker?.[1] ?? '')
  if (kickerWords.length > 0 && kickerWords.length <= MAX_KICKER_WORDS && restWords.length > 0) {
    return `${kickerWords.join(' ')}: ${restWords.join(' ')}`
  }
  return wordTokens(kept).join(' ')
}

// The kicker and the rest as /^(.+?)(?::\s+|\s+(?:\||–|—|-|::|·|•|»|~)\s+)(.+)$/u splits them, or
// null. That expression is quadratic (it rereads a run of spaces from each of its positions, and
// the rest up to a line break from each candidate); here each run is read from its start only, and
// the rest is checked against the last line terminator, which `.` does not match.
function splitKicker(text: string): readonly [string, string] | null {
  let lastBreak = -1
  for (let i = 0; i < text.length; i++) if (LINE_TERMINATOR.test(text.charAt(i))) lastBreak = i
  for (let at = 1; at < text.length; at++) {
    if (LINE_TERMINATOR.test(text.charAt(at - 1))) return null
    let mark: number
    if (text.charAt(at) === ':') {
      mark = at + 1
    } else if (SPACE.test(text.charAt(at)) && (at === 1 || !SPACE.test(text.charAt(at - 1)))) {
      let end = at
      while (SPACE.test(text.charAt(end))) end++
      const width = text.startsWith('::', end) ? 2 : KICKER_MARKS.has(text.charAt(end)) ? 1 : 0
      if (width === 0) continue
      mark = end + width
    } else {
      continue
    }
    let rest = mark
    while (SPACE.test(text.charAt(rest))) rest++
    if (rest === mark) continue
    if (rest < text.length) {
      if (rest > lastBreak) return [text.slice(0, at), text.slice(rest)]
    } else if (rest - mark >= 2 && !LINE_TERMINATOR.test(text.charAt(rest - 1))) {
      // Only spaces follow: `\s+(.+)` leaves the last one to the rest.
      return [text.slice(0, at), text.charAt(rest - 1)]
    }
  }
  return null
}

function withoutPipeLabels(title: string): string {
  let head = title.trim()
  for (let match = PIPE_SUFFIX.exec(head); match !== null; match = PIPE_SUFFIX.exec(head)) {
    const labelWords = wordTokens(match[2] ?? '').length
    if (labelWords > MAX_AFFIX_WORDS || labelWords > wordTokens(match[1] ?? '').length) break
    head = match[1] ?? ''
  }
  return head
}

function isSiteName(segment: string, names: readonly string[]): boolean {
  const words = wordTokens(segment)
  const squashed = words.join('')
  if (squashed === '') return false
  if (names.includes(squashed)) return true
  // "Daily Planet" for a feed titled "The Daily Planet – Top Stories", "Example News" on example.com.
  return words.length <= MAX_AFFIX_WORDS && names.some((name) =>
    (squashed.length >= MIN_PART_OF_NAME && name.includes(squashed)) ||
    (squashed.includes(name) && squashed.length - name.length <= MAX_EXTRA_NAME_CHARS))
}

function siteNames(context: TitleContext): string[] {
  const names = [context.feedTitle ?? '', ...(context.affixes ?? [])].map(squash)
  const host = hostOf(context.url)
  if (host !== null) {
    names.push(squash(host))
    names.push(...host.split('.').filter((label) => !NAMELESS_HOST_LABELS.has(label)).map(squash))
  }
  return names.filter((name) => name.length >= 2)
}

function hostOf(url: string | null | undefined): string | null {
  if (url == null) return null
  try {
    return new URL(url).hostname
  } catch {
    return null
  }
}

function squash(text: string): string {
  return wordTokens(text).join('')
}
