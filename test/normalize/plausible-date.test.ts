import { describe, expect, test } from 'vitest'
import { plausibleDate } from '../../src/normalize/plausible-date.js'

const NOW = new Date('2024-06-01T12:00:00Z')

describe('plausibleDate (future-date policy: more than one day ahead counts as absent)', () => {
  test.each([
    ['a past date', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00.000Z'],
    ['now', '2024-06-01T12:00:00Z', '2024-06-01T12:00:00.000Z'],
    ['a few hours ahead (time-zone mistake) is kept', '2024-06-01T23:00:00Z', '2024-06-01T23:00:00.000Z'],
    ['exactly one day ahead is kept', '2024-06-02T12:00:00Z', '2024-06-02T12:00:00.000Z'],
    ['just over one day ahead is absent', '2024-06-02T12:00:01Z', null],
    ['a year ahead is absent', '2025-06-01T00:00:00Z', null],
    ['Unix epoch 0 is a placeholder', '1970-01-01T00:00:00Z', null],
    ['Go zero time is a placeholder', '0001-01-01T00:00:00Z', null],
    ['early 1970s are real', '1970-01-02T00:00:00Z', '1970-01-02T00:00:00.000Z'],
  ])('%s', (_name, iso, expected) => {
    expect(plausibleDate(new Date(iso), NOW)?.toISOString() ?? null).toBe(expected)
  })

  test('null stays null', () => {
    expect(plausibleDate(null, NOW)).toBeNull()
  })
})
