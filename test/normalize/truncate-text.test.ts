import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { truncateText } from '../../src/normalize/truncate-text.js'

describe('truncateText', () => {
  test.each([
    ['short text unchanged', 'Hello world', 20, 'Hello world'],
    ['exact fit unchanged', 'abcde', 5, 'abcde'],
    ['cut on a word boundary', 'The quick brown fox jumps over the lazy dog', 20, 'The quick brown fox\u2026'],
    ['trailing punctuation removed before the ellipsis', 'One, two, three, four, five', 12, 'One, two\u2026'],
    ['a long word is cut inside', 'Supercalifragilisticexpialidocious', 10, 'Supercali\u2026'],
    ['a surrogate pair is not split', 'ab\ud83c\udf0acd', 4, 'ab\u2026'],
  ])('%s', (_name, text, max, expected) => {
    expect(truncateText(text, max)).toBe(expected)
  })

  test('property: bounded length, unchanged when it fits, otherwise a prefix plus an ellipsis', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (text, max) => {
        const result = truncateText(text, max)
        if (text.length <= max) return result === text
        return result.length <= max && result.endsWith('\u2026') && text.startsWith(result.slice(0, -1))
      }),
      { numRuns: 2000 },
    )
  })
})
