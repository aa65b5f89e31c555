import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseDuration } from '../../src/normalize/parse-duration.js'

describe('parseDuration', () => {
  test.each([
    ['seconds', '10475', 10475],
    ['fractional seconds round', '89.6', 90],
    ['H:MM:SS', '1:02:03', 3723],
    ['HH:MM:SS', '01:02:03', 3723],
    ['MM:SS', '45:10', 2710],
    ['M:SS', '5:07', 307],
    ['minutes past 59 without hours', '75:30', 4530],
    ['a fraction after the seconds', '00:01:30.500', 90],
    ['surrounding whitespace', ' 12:00 ', 720],
    ['zero is unknown', '0', null],
    ['00:00:00 is unknown', '00:00:00', null],
    ['seconds 60 or more', '1:60', null],
    ['minutes 60 or more with hours', '1:60:00', null],
    ['words', 'about an hour', null],
    ['negative', '-30', null],
    ['empty', '', null],
    ['null', null, null],
  ])('%s: %j', (_name, text, seconds) => {
    expect(parseDuration(text)).toBe(seconds)
  })

  test('property: never throws; null or a positive safe integer', () => {
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[\d:.]{0,14}$/))
    fc.assert(
      fc.property(text, (value) => {
        const seconds = parseDuration(value)
        return seconds === null || (Number.isSafeInteger(seconds) && seconds > 0)
      }),
      { numRuns: 2000 },
    )
  })
})
