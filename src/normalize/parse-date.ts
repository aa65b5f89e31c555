const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
]
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']

// Minutes east of UTC. RFC 822 §5.1 / RFC 5322 §4.3 names first; then abbreviations that are not in
// the RFCs but are common in feeds and have one widely used meaning (IST, AST are ambiguous: left out).
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  wet: 0, west: 60, bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, msk: 180,
  jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  hst: -600, akst: -540, akdt: -480,
}

const ZONE = String.raw`(z|utc|gmt|[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)`
const ISO_ZONE = String.raw`(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)`
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`

// RFC 3339 / ISO 8601 extended format, also with a space for T and W3C-DTF's reduced precision
// (YYYY, YYYY-MM, YYYY-MM-DD).
const ISO = new RegExp(String.raw`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:(?:t|\s+)${TIME})?)?)?\s*${ISO_ZONE}?$`, 'i')
// ISO 8601 basic format: 20240115T103000Z.
const ISO_BASIC = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})(?:t(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?\s*${ISO_ZONE}?$`, 'i')
// RFC 822 §5 / RFC 5322 §3.3 with the obsolete forms: optional weekday, 2-digit years, named zones.
const RFC822 = new RegExp(
  String.raw`^(?:([a-z]+)\.?,?\s*)?(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{2,4}),?(?:\s+${TIME})?(?:\s*${ZONE})?$`,
  'i',
)
// The same pieces in US order, as written by JavaScript's Date#toString and many CMSes:
// "Monday, January 15, 2024 10:30 PM", "Mon Jan 15 2024 10:30:00 GMT+0100".
const US = new RegExp(
  String.raw`^(?:([a-z]+)\.?,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}),?` +
    String.raw`(?:\s+(?:at\s+)?${TIME}(?:\s*([ap])\.?m\.?)?)?(?:\s*${ZONE})?$`,
  'i',
)

// Reads RFC 822/1123/5322 (with or without weekday, obsolete and military zones, 2-digit years),
// ISO 8601/RFC 3339 variants and US-style month-first dates. A date without a zone is taken as
// UTC, never as the process's local time, so results do not depend on where we run.
/** Returns the instant a feed date names, or null when the text is not a date we can read. Never throws. */
export function parseDate(text: string): Date | null {
  // RFC 5322 §3.2.2 comments, e.g. "+0100 (CET)", carry no information we need.
  const value = text.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim()
  if (value === '' || value.length > 100) return null
  // A text in a known shape with an impossible value (30 February, hour 25) is not a date:
  // it does not get a second chance with the lenient fallback.
  for (const parse of [parseIso, parseRfc822, parseUs]) {
    const date = parse(value)
    if (date !== undefined) return date
  }
  return parseLoose(value)
}

/** Each explicit parser returns undefined when the text is not in its shape, null when the values are impossible. */
type ShapeParser = (value: string) => Date | null | undefined

const parseIso: ShapeParser = (value) => {
  const m = ISO.exec(value) ?? ISO_BASIC.exec(value)
  if (m === null) return undefined
  const [, year = '', month = '1', day = '1', hour = '0', minute = '0', second = '0', fraction = '0', zone] = m
  const offset = zoneOffset(zone)
  if (offset === null) return null
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3))
  return instant(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), millis, offset)
}

const parseRfc822: ShapeParser = (value) => {
  const m = RFC822.exec(value)
  if (m === null) return undefined
  const [, weekday, day = '', monthName = '', yearText = '', hour = '0', minute = '0', second = '0', , zone] = m
  const month = monthNumber(monthName)
  const offset = zoneOffset(zone)
  if ((weekday !== undefined && !isWeekday(weekday)) || month === null || offset === null) return null
  return instant(fullYear(yearText), month, Number(day), Number(hour), Number(minute), Number(second), 0, offset)
}

const parseUs: ShapeParser = (value) => {
  const m = US.exec(value)
  if (m === null) return undefined
  const [, weekday, monthName = '', day = '', year = '', hourText = '0', minute = '0', second = '0', , meridiem, zone] = m
  const month = monthNumber(monthName)
  const offset = zoneOffset(zone)
  if ((weekday !== undefined && !isWeekday(weekday)) || month === null || offset === null) return null
  let hour = Number(hourText)
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0)
  }
  return instant(Number(year), month, Number(day), hour, Number(minute), Number(second), 0, offset)
}

// Last resort for shapes the explicit parsers miss ("2024/01/15 10:30", "15 January 2024, 10:30").
// Date.parse alone is too lenient ("foo 1" is a date to V8) and reads zoneless text as local time,
// so it only sees text with a month name or a year-first numeric date, gets UTC appended when no
// zone is given, and must agree on the year.
function parseLoose(value: string): Date | null {
  const year = /\b([12]\d{3})\b/.exec(value)?.[1]
  const monthWord = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i.test(value)
  if (year === undefined || !(monthWord || /^\d{4}[/.]\d{1,2}[/.]\d{1,2}\b/.test(value))) return null
  const hasZone = /\b(gmt|utc|ut|z)\b|[+-]\d{2}:?\d{2}\b/i.test(value)
  const time = Date.parse(hasZone ? value : `${value} UTC`)
  if (!Number.isFinite(time)) return null
  const date = new Date(time)
  return Math.abs(date.getUTCFullYear() - Number(year)) <= 1 ? date : null
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase()
  if (lower.length < 3) return null
  const index = MONTH_NAMES.findIndex((full) => full.startsWith(lower) || (lower === 'sept' && full === 'september'))
  return index < 0 ? null : index + 1
}

function isWeekday(name: string): boolean {
  const lower = name.toLowerCase()
  return lower.length >= 3 && DAY_NAMES.some((full) => full.startsWith(lower))
}

// RFC 5322 §4.3: a 2-digit year below 50 is 20xx, otherwise 19xx; a 3-digit year adds 1900.
function fullYear(text: string): number {
  const year = Number(text)
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year
  if (text.length === 3) return 1900 + year
  return year
}

/** Returns minutes east of UTC; a missing or unknown zone name counts as UTC. */
function zoneOffset(zone: string | undefined): number | null {
  if (zone === undefined) return 0
  const m = /^([a-z]*)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i.exec(zone)
  if (m === null) return null
  const [, name = '', sign, hours = '0', minutes = '0'] = m
  if (sign !== undefined) {
    if (Number(hours) > 23 || Number(minutes) > 59) return null
    return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes))
  }
  // RFC 5322 §4.3: RFC 822 got the signs of the military zones backwards, so a single letter
  // "SHOULD all be considered equivalent to -0000". An unknown name is also read as UTC: the
  // time is then off by hours at most, which beats having no date.
  return ZONE_OFFSETS[name.toLowerCase()] ?? 0
}

function instant(
  year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offsetMinutes: number,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  // Second 60 is a leap second (RFC 3339 §5.7); it is folded into second 59.
  if (hour > 23 || minute > 59 || second > 60) return null
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, Math.min(second, 59), millis)
  return new Date(date.getTime() - offsetMinutes * 60_000)
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, 0)
  return date.getUTCDate()
}
