import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isStorableTime, parseIsoTime } from '../../src/input/index.js'

describe('parseIsoTime', () => {
  it.each([
    ['a date, as midnight UTC', '2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['a UTC time', '2026-01-31T12:00:00Z', '2026-01-31T12:00:00.000Z'],
    ['an offset', '2026-01-31T12:00:00+05:30', '2026-01-31T06:30:00.000Z'],
    ['an offset without a colon, and hours only', '2026-01-31T12:00:00-0130', '2026-01-31T13:30:00.000Z'],
    ['hours-only offset', '2026-01-31T12:00:00+01', '2026-01-31T11:00:00.000Z'],
    ['lowercase t and z, digits beyond milliseconds', '2026-01-31t12:00:00.123456z', '2026-01-31T12:00:00.123Z'],
    ['a space and no seconds', '2026-01-31 12:00Z', '2026-01-31T12:00:00.000Z'],
    ['a year before 100, not read as 19xx', '0050-06-01', '0050-06-01T00:00:00.000Z'],
    ['the first instant', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['the last instant', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s', (_what, text, iso) => {
    expect(parseIsoTime('since', text).toISOString()).toBe(iso)
  })

  it.each([
    ['yesterday', 'since: "yesterday" is not a date; use YYYY-MM-DD or an ISO 8601 time such as 2026-01-31T12:00:00Z'],
    ['2024-1-1', 'since: "2024-1-1" is not a date; use YYYY-MM-DD or an ISO 8601 time such as 2026-01-31T12:00:00Z'],
    ['+275760-09-13T00:00:00Z', 'since: "+275760-09-13T00:00:00Z" is not a date; use YYYY-MM-DD or an ISO 8601 time such as 2026-01-31T12:00:00Z'],
    ['2024-13-01', 'since: "2024-13-01" is not a real time: there is no month 13'],
    ['2024-00-10', 'since: "2024-00-10" is not a real time: there is no month 0'],
    ['2024-02-30T00:00:00Z', 'since: "2024-02-30T00:00:00Z" is not a real time: month 2 of year 2024 has 29 days'],
    ['1900-02-29', 'since: "1900-02-29" is not a real time: month 2 of year 1900 has 28 days'],
    ['2024-04-31', 'since: "2024-04-31" is not a real time: month 4 of year 2024 has 30 days'],
    ['2024-01-01T24:00:00Z', 'since: "2024-01-01T24:00:00Z" is not a real time: there is no hour 24; use 00-23'],
    ['2024-01-01T10:60:00Z', 'since: "2024-01-01T10:60:00Z" is not a real time: there is no minute 60'],
    ['2024-06-30T23:59:60Z', 'since: "2024-06-30T23:59:60Z" is not a real time: leap seconds (second 60) cannot be stored; use 59'],
    ['2024-01-01T10:00:61Z', 'since: "2024-01-01T10:00:61Z" is not a real time: there is no second 61'],
    ['2024-01-01T10:00:00+24:00', 'since: "2024-01-01T10:00:00+24:00" is not a real time: a UTC offset is at most 23:59'],
    ['0000-01-01T00:00:00Z', 'since: "0000-01-01T00:00:00Z" is out of range: use a time from 0001-01-01 to 9999-12-31 UTC'],
    ['0001-01-01T00:00:00+01:00', 'since: "0001-01-01T00:00:00+01:00" is out of range: use a time from 0001-01-01 to 9999-12-31 UTC'],
    ['9999-12-31T23:00:00-01:00', 'since: "9999-12-31T23:00:00-01:00" is out of range: use a time from 0001-01-01 to 9999-12-31 UTC'],
  ])('rejects %s', (text, message) => {
    expect(() => parseIsoTime('since', text)).toThrow(message)
  })

  it('agrees with Date on every UTC time of years 0001-9999, and its answer is storable', () => {
    const time = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
    fc.assert(fc.property(time, (date) => {
      const parsed = parseIsoTime('since', date.toISOString())
      expect(parsed.getTime()).toBe(date.getTime())
      expect(isStorableTime(parsed.getTime())).toBe(true)
    }))
  })
})
