import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseDate } from '../../src/normalize/index.js'

describe('parseDate', () => {
  test.each([
    // RFC 822 / 1123 / 5322
    ['RFC 1123 with GMT', 'Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['numeric zone', 'Mon, 06 May 2024 08:15:00 +0200', '2024-05-06T06:15:00.000Z'],
    ['negative zone with minutes', 'Mon, 06 May 2024 08:15:00 -0930', '2024-05-06T17:45:00.000Z'],
    ['zone with a colon', 'Mon, 06 May 2024 08:15:00 +05:30', '2024-05-06T02:45:00.000Z'],
    ['no weekday', '06 May 2024 08:15:00 GMT', '2024-05-06T08:15:00.000Z'],
    ['weekday without comma', 'Mon 06 May 2024 08:15:00 GMT', '2024-05-06T08:15:00.000Z'],
    ['full weekday and month names', 'Monday, 6 January 2025 23:59:59 UT', '2025-01-06T23:59:59.000Z'],
    ['a wrong weekday is ignored', 'Fri, 06 May 2024 08:15:00 GMT', '2024-05-06T08:15:00.000Z'],
    ['one-digit day and hour', 'Sun, 6 Sep 2009 2:30:00 GMT', '2009-09-06T02:30:00.000Z'],
    ['no seconds', 'Wed, 02 Oct 2002 13:00 GMT', '2002-10-02T13:00:00.000Z'],
    ['no time', 'Wed, 02 Oct 2002', '2002-10-02T00:00:00.000Z'],
    ['no zone is UTC, not local time', 'Wed, 02 Oct 2002 13:00:00', '2002-10-02T13:00:00.000Z'],
    ['EST', 'Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T13:00:00.000Z'],
    ['EDT', 'Wed, 02 Oct 2002 09:00:00 EDT', '2002-10-02T13:00:00.000Z'],
    ['CST', 'Wed, 02 Oct 2002 07:00:00 CST', '2002-10-02T13:00:00.000Z'],
    ['CDT', 'Wed, 02 Oct 2002 08:00:00 CDT', '2002-10-02T13:00:00.000Z'],
    ['MST', 'Wed, 02 Oct 2002 06:00:00 MST', '2002-10-02T13:00:00.000Z'],
    ['MDT', 'Wed, 02 Oct 2002 07:00:00 MDT', '2002-10-02T13:00:00.000Z'],
    ['PST', 'Wed, 02 Oct 2002 05:00:00 PST', '2002-10-02T13:00:00.000Z'],
    ['PDT', 'Wed, 02 Oct 2002 06:00:00 PDT', '2002-10-02T13:00:00.000Z'],
    ['Z', 'Wed, 02 Oct 2002 13:00:00 Z', '2002-10-02T13:00:00.000Z'],
    ['lower-case zone and month', 'wed, 02 oct 2002 13:00:00 gmt', '2002-10-02T13:00:00.000Z'],
    ['military zone is -0000 (RFC 5322 §4.3)', 'Wed, 02 Oct 2002 13:00:00 A', '2002-10-02T13:00:00.000Z'],
    ['common non-RFC zone', 'Wed, 02 Oct 2002 15:00:00 CEST', '2002-10-02T13:00:00.000Z'],
    ['unknown zone name is UTC', 'Wed, 02 Oct 2002 13:00:00 XYZ', '2002-10-02T13:00:00.000Z'],
    ['GMT with offset', 'Wed, 02 Oct 2002 15:00:00 GMT+0200', '2002-10-02T13:00:00.000Z'],
    ['comment after zone', 'Wed, 02 Oct 2002 15:00:00 +0200 (CEST)', '2002-10-02T13:00:00.000Z'],
    ['2-digit year below 50', 'Wed, 02 Oct 02 13:00:00 GMT', '2002-10-02T13:00:00.000Z'],
    ['2-digit year from 50', 'Sat, 02 Oct 99 13:00:00 GMT', '1999-10-02T13:00:00.000Z'],
    ['3-digit year', 'Wed, 02 Oct 102 13:00:00 GMT', '2002-10-02T13:00:00.000Z'],
    ['Sept abbreviation', '01 Sept 2024 10:00:00 GMT', '2024-09-01T10:00:00.000Z'],
    ['dashes', '01-Sep-2024 10:00:00 GMT', '2024-09-01T10:00:00.000Z'],
    ['surrounding whitespace and newlines', '\n  Wed, 03 Jan 2018 13:47:00 GMT\r\n      ', '2018-01-03T13:47:00.000Z'],
    ['leap second folds into :59', 'Sat, 31 Dec 2016 23:59:60 GMT', '2016-12-31T23:59:59.000Z'],
    ['29 February in a leap year', 'Thu, 29 Feb 2024 12:00:00 GMT', '2024-02-29T12:00:00.000Z'],
    // ISO 8601 / RFC 3339 / W3C-DTF
    ['RFC 3339 UTC', '2024-05-09T07:00:00Z', '2024-05-09T07:00:00.000Z'],
    ['RFC 3339 offset', '2024-05-13T06:30:00+02:00', '2024-05-13T04:30:00.000Z'],
    ['offset without colon', '2024-05-13T06:30:00+0200', '2024-05-13T04:30:00.000Z'],
    ['offset hours only', '2024-05-13T06:30:00-05', '2024-05-13T11:30:00.000Z'],
    ['fractional seconds', '2019-10-12T07:20:50.52Z', '2019-10-12T07:20:50.520Z'],
    ['long fraction', '2019-10-12T07:20:50.123456789Z', '2019-10-12T07:20:50.123Z'],
    ['lower-case t and z', '2024-05-09t07:00:00z', '2024-05-09T07:00:00.000Z'],
    ['space instead of T', '2024-05-09 07:00:00', '2024-05-09T07:00:00.000Z'],
    ['space and spaced offset', '2024-05-09 07:00:00 +0100', '2024-05-09T06:00:00.000Z'],
    ['no seconds', '2024-05-09T07:00Z', '2024-05-09T07:00:00.000Z'],
    ['no zone is UTC', '2024-05-09T07:00:00', '2024-05-09T07:00:00.000Z'],
    ['date only', '2024-05-09', '2024-05-09T00:00:00.000Z'],
    ['year and month', '2024-05', '2024-05-01T00:00:00.000Z'],
    ['year only', '2003', '2003-01-01T00:00:00.000Z'],
    ['UTC suffix', '2024-05-09T07:00:00 UTC', '2024-05-09T07:00:00.000Z'],
    ['basic format', '20240509T070000Z', '2024-05-09T07:00:00.000Z'],
    ['Go zero time is a date (plausibleDate rejects it)', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    // Month-first
    ['US long form', 'January 15, 2024', '2024-01-15T00:00:00.000Z'],
    ['US with weekday and 12-hour time', 'Monday, January 15, 2024 10:30 PM', '2024-01-15T22:30:00.000Z'],
    ['12 AM is midnight', 'Jan 15, 2024 12:05 am', '2024-01-15T00:05:00.000Z'],
    ['JavaScript Date#toString', 'Mon Jan 15 2024 10:30:00 GMT+0100 (Central European Standard Time)', '2024-01-15T09:30:00.000Z'],
    ['ordinal day', 'March 3rd, 2021', '2021-03-03T00:00:00.000Z'],
    // Last-resort shapes
    ['year-first with slashes', '2024/01/15 10:30', '2024-01-15T10:30:00.000Z'],
    ['day month year with comma and time', '15 January 2024, 10:30', '2024-01-15T10:30:00.000Z'],
  ])('%s: %j', (_name, text, iso) => {
    expect(parseDate(text)?.toISOString()).toBe(iso)
  })

  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['words', 'last Tuesday'],
    ['a number', '12345'],
    ['V8 reads "foo 1" as a date; we do not', 'foo 1'],
    ['day out of range', '2003-07-32T15:51:30-05:00'],
    ['30 February', 'Sat, 30 Feb 2002 10:00:00 GMT'],
    ['29 February in a common year', '2023-02-29'],
    ['month 13', '2003-13-01T00:00:00Z'],
    ['hour 25', '2003-12-13T25:00:00Z'],
    ['minute 60', 'Sat, 13 Dec 2003 18:60:00 GMT'],
    ['zone hour 24', '2003-12-13T18:30:02+24:00'],
    ['unknown month', '10 Foo 2003 04:00:00 GMT'],
    ['a weekday that is not one', 'Xyz, 10 Jun 2003 04:00:00 GMT'],
    ['ISO with a word zone', '2024 abc'],
    ['13 PM', 'Jan 15, 2024 13:05 PM'],
    ['absurdly long', `Mon, 06 May 2024 08:15:00 +0000${' '.repeat(100)}x`],
  ])('%s → null', (_name, text) => {
    expect(parseDate(text)).toBeNull()
  })

  test('property: never throws; returns null or a valid Date', () => {
    const pieces = fc.constantFrom(
      'Mon', ',', ' ', '06', 'May', '2024', '08:15:00', '+0000', 'GMT', 'T', '-', ':', 'Z', '.', '5', 'PM', '(', ')', 'Sept', '99', '/',
    )
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')))
    fc.assert(
      fc.property(text, (value) => {
        const date = parseDate(value)
        return date === null || Number.isFinite(date.getTime())
      }),
      { numRuns: 3000 },
    )
  })

  test('property: an ISO string of any valid instant parses back to the same instant', () => {
    const instant = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    fc.assert(fc.property(instant, (date) => parseDate(date.toISOString())?.getTime() === date.getTime()))
  })

  test('property: an RFC 1123 string (Date#toUTCString) parses back to the same second', () => {
    const instant = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    fc.assert(
      fc.property(instant, (date) => parseDate(date.toUTCString())?.getTime() === Math.floor(date.getTime() / 1000) * 1000),
    )
  })
})
