import { describe, expect, test } from 'vitest'
import { skipDays, skipHours, updatePeriodSeconds } from '../../src/parse/syndication.js'

// Raw channel nodes as xml2js builds them: one array per child element name.
const channel = (fields: Record<string, unknown>): Record<string, unknown> => fields

describe('syndication hints', () => {
  test.each([
    ['hourly, twice', { 'sy:updatePeriod': ['hourly'], 'sy:updateFrequency': ['2'] }, 1800],
    ['daily by default', { 'sy:updateFrequency': ['4'] }, 21_600],
    ['frequency 1 by default', { 'sy:updatePeriod': [' Weekly '] }, 604_800],
    ['monthly is 30 days', { 'sy:updatePeriod': ['monthly'] }, 2_592_000],
    ['yearly is 365 days', { 'sy:updatePeriod': ['yearly'] }, 31_536_000],
    ['a bad frequency falls back to 1', { 'sy:updatePeriod': ['daily'], 'sy:updateFrequency': ['often'] }, 86_400],
    ['an unknown period gives nothing', { 'sy:updatePeriod': ['fortnightly'] }, null],
    ['a period named like an Object property gives nothing', { 'sy:updatePeriod': ['constructor'] }, null],
    ['neither element', {}, null],
  ])('updatePeriodSeconds: %s', (_name, fields, seconds) => {
    expect(updatePeriodSeconds(channel(fields))).toBe(seconds)
  })

  test('skipHours: distinct, sorted, 24 read as 0, junk ignored', () => {
    expect(skipHours(channel({ skipHours: [{ hour: ['23', '5', '24', '5', '25', 'x', ' 7 '] }] }))).toEqual([0, 5, 7, 23])
  })

  test('skipDays: names in any case, 0 = Sunday', () => {
    expect(skipDays(channel({ skipDays: [{ day: ['Monday', 'SUNDAY', 'saturday', 'Someday'] }] }))).toEqual([0, 1, 6])
  })
})
