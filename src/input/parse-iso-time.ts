import { InputError } from '../errors.js'

/** The earliest instant a user may name or a cursor may carry: 0001-01-01T00:00:00Z (PostgreSQL has no year 0). */
const EARLIEST_TIME_MS = Date.parse('0001-01-01T00:00:00Z')
/** The latest instant a user may name or a cursor may carry: the end of year 9999, the last that RFC 3339's four digits write. */
const LATEST_TIME_MS = Date.parse('9999-12-31T23:59:59.999Z')

/** True for a whole-millisecond time that both JS Date and PostgreSQL timestamptz hold exactly. */
export function isStorableTime(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= EARLIEST_TIME_MS && ms <= LATEST_TIME_MS
}

// RFC 3339, and what ajv's "date-time" format also lets through ("t" or a space, "z", a +hh or
// +hhmm offset); a date-time without an offset is local time, as ECMAScript reads one.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/

/**
 * Parses an ISO 8601 date (`YYYY-MM-DD`, midnight UTC) or date-time; throws InputError naming `name`
 * for text that is not one, and for one that cannot be: month 13, 30 February, hour 24, a leap
 * second (JS Date and PostgreSQL have none), or a time outside years 0001-9999. Read field by field
 * because V8's Date.parse rolls 30 February over to 1 March and 24:00 over to the next day.
 */
export function parseIsoTime(name: string, text: string): Date {
  const match = ISO_TIME.exec(text)
  if (match === null) throw new InputError(`${name}: "${text}" is not a date; use YYYY-MM-DD or an ISO 8601 time such as 2026-01-31T12:00:00Z`)
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 10, 11].map((i) => Number(match[i] ?? 0)) as
    [number, number, number, number, number, number, number, number]
  const impossible = (why: string): InputError => new InputError(`${name}: "${text}" is not a real time: ${why}`)
  if (month < 1 || month > 12) throw impossible(`there is no month ${month}`)
  const daysInMonth = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
  if (day < 1 || day > daysInMonth) throw impossible(`month ${month} of year ${year} has ${daysInMonth} days`)
  if (hour > 23) throw impossible(`there is no hour ${hour}; use 00-23`)
  if (minute > 59) throw impossible(`there is no minute ${minute}`)
  if (second === 60) throw impossible('leap seconds (second 60) cannot be stored; use 59')
  if (second > 59) throw impossible(`there is no second ${second}`)
  if (offsetHours > 23 || offsetMinutes > 59) throw impossible('a UTC offset is at most 23:59')
  const ms = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3))
  const date = new Date(0)
  if (match[4] === undefined || match[8] !== undefined || match[9] !== undefined) {
    // set…FullYear rather than Date.UTC, which reads years 0-99 as 1900-1999.
    date.setUTCFullYear(year, month - 1, day)
    date.setUTCHours(hour, minute, second, ms)
  } else {
    date.setFullYear(year, month - 1, day)
    date.setHours(hour, minute, second, ms)
  }
  const time = date.getTime() - (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  if (!isStorableTime(time)) throw new InputError(`${name}: "${text}" is out of range: use a time from 0001-01-01 to 9999-12-31 UTC`)
  return new Date(time)
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}
