// Function words carry nothing about which story a headline names (English only; other languages
// simply keep theirs, which makes their titles compare a little stricter).
const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'for', 'at', 'by', 'with', 'from', 'as', 'into', 'over',
  'after', 'before', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'its', 'this', 'that', 'than', 'up', 'out', 'about',
  'says', 'say', 'said', 'will', 'has', 'have', 'had', 'new',
])
const WEEKDAYS: Readonly<Record<string, string>> = {
  monday: 'mon', tuesday: 'tue', wednesday: 'wed', thursday: 'thu', friday: 'fri', saturday: 'sat', sunday: 'sun',
}
const MONTHS: Readonly<Record<string, string>> = {
  january: 'jan', jan: 'jan', february: 'feb', feb: 'feb', march: 'mar', mar: 'mar', april: 'apr', apr: 'apr',
  may: 'may', june: 'jun', jun: 'jun', july: 'jul', jul: 'jul', august: 'aug', aug: 'aug', september: 'sep',
  sept: 'sep', sep: 'sep', october: 'oct', oct: 'oct', november: 'nov', nov: 'nov', december: 'dec', dec: 'dec',
}
/** Prefix of a date word, so "#may" (the month) is never "may" (the verb). */
export const DATE_WORD_PREFIX = '#'

/**
 * Returns the content words of a normalized title (normalizeTitle), kicker included: function words
 * dropped, a number glued to its unit split ("3.2bn" is "3 2 bn", like "3.2 bn"), weekday names and
 * month names next to a number ("March 4", "4 Mar") rewritten as `#mon`…, `#jan`…, so that figures
 * and dates compare however they are spelled. Never throws.
 */
export function titleWords(title: string): string[] {
  const words = title.split(/[\s:]+/u).flatMap((word) => word.match(/^\d+(?=\p{L})|\P{N}+$|.+/gu) ?? [])
  return words.flatMap((word, i) => {
    const weekday = WEEKDAYS[word]
    if (weekday !== undefined) return [DATE_WORD_PREFIX + weekday]
    const month = MONTHS[word]
    if (month !== undefined && (isNumber(words[i - 1]) || isNumber(words[i + 1]))) return [DATE_WORD_PREFIX + month]
    return STOPWORDS.has(word) ? [] : [word]
  })
}

function isNumber(word: string | undefined): boolean {
  return word !== undefined && /^\d/.test(word)
}

/** Returns a normalized title's words joined by single spaces, without normalizeTitle's kicker mark. Never throws. */
export function plainTitle(title: string): string {
  return title.replace(': ', ' ')
}
