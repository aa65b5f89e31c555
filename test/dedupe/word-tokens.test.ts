import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { wordTokens } from '../../src/dedupe/word-tokens.js'

// The Unicode expressions wordTokens applies to any text; ASCII text takes a scanner that must agree.
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{P}\p{S}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ](?=[\p{L}\p{N}])/gu
const byExpressions = (text: string) => text.normalize('NFKC').toLowerCase().replace(INNER_APOSTROPHE, '').match(TOKEN) ?? []

describe('wordTokens', () => {
  test('words lowercased, punctuation dropped, inner apostrophes removed', () => {
    expect(wordTokens("Korea's NEW plan—it's 2.5% (ok)?  'quoted' rock 'n' roll")).toEqual(['koreas', 'new', 'plan', 'its', '2', '5', 'ok', 'quoted', 'rock', 'n', 'roll'])
    expect(wordTokens('Korea’s Zürich ﬁle 東京に')).toEqual(['koreas', 'zürich', 'file', '東', '京', 'に'])
    expect(wordTokens('')).toEqual([])
    expect(wordTokens(" ''' ")).toEqual([])
  })

  test("property: ASCII text gives the Unicode expressions' tokens", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."aZ09 '\t\n\r\u000b\u000c\u0001\u001f\u007f.,-_!?’".split('').filter((c) => c < '\u0080')), maxLength: 40 })
    const anyAscii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 60 })
    fc.assert(fc.property(fc.oneof(ascii, anyAscii), (text) => {
      expect(wordTokens(text)).toEqual(byExpressions(text))
    }), { numRuns: 5000 })
  })
})
