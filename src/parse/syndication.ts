import { childrenOf, firstText, textOf } from './xml-node.js'

// RSS 1.0 Syndication module (http://web.resource.org/rss/1.0/modules/syndication/): "updatePeriod
// … If omitted, daily is assumed"; "updateFrequency … If omitted a value of 1 is assumed". A month
// and a year are taken as 30 and 365 days.
const PERIOD_SECONDS: Readonly<Record<string, number>> = {
  hourly: 3_600,
  daily: 86_400,
  weekly: 604_800,
  monthly: 2_592_000,
  yearly: 31_536_000,
}

// RSS 2.0 <skipDays>: "Possible values are Monday, Tuesday, …"; Date#getUTCDay numbering.
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

/** Returns the seconds between updates announced by sy:updatePeriod and sy:updateFrequency, or null when neither is given. Never throws. */
export function updatePeriodSeconds(feed: unknown): number | null {
  const period = firstText(childrenOf(feed, 'sy:updatePeriod'))?.toLowerCase() ?? null
  const frequencyText = firstText(childrenOf(feed, 'sy:updateFrequency'))
  if (period === null && frequencyText === null) return null
  const periodSeconds = Object.hasOwn(PERIOD_SECONDS, period ?? 'daily') ? PERIOD_SECONDS[period ?? 'daily'] : undefined
  // A positive integer; a bad value falls back to the default rather than dropping the hint.
  const frequency = frequencyText !== null && /^\s*\d+\s*$/.test(frequencyText) ? Number(frequencyText) : 1
  if (periodSeconds === undefined) return null
  return Math.max(1, Math.round(periodSeconds / Math.max(1, frequency)))
}

// RSS 2.0 <skipHours>: "An integer between 0 and 23", GMT. Some feeds count 1–24 (rssboard's
// best-practices profile notes it), so 24 is read as midnight, 0.
/** Returns the distinct hours (0-23) listed in <skipHours><hour>, ascending. Never throws. */
export function skipHours(feed: unknown): number[] {
  const hours = valuesOf(feed, 'skipHours', 'hour').flatMap((text) => {
    if (!/^\d{1,2}$/.test(text)) return []
    const hour = Number(text)
    return hour <= 24 ? [hour % 24] : []
  })
  return [...new Set(hours)].sort((a, b) => a - b)
}

/** Returns the distinct days (0 = Sunday … 6 = Saturday) named in <skipDays><day>, ascending. Never throws. */
export function skipDays(feed: unknown): number[] {
  const days = valuesOf(feed, 'skipDays', 'day').flatMap((text) => {
    const day = DAYS.indexOf(text.toLowerCase())
    return day < 0 ? [] : [day]
  })
  return [...new Set(days)].sort((a, b) => a - b)
}

function valuesOf(feed: unknown, list: string, entry: string): string[] {
  return childrenOf(feed, list)
    .flatMap((node) => childrenOf(node, entry))
    .map((node) => textOf(node)?.trim() ?? '')
    .filter((text) => text !== '')
}
