import { describe, expect, it } from 'vitest'
import { assertStorableText, findUnstorableInput } from '../../src/input/index.js'

describe('findUnstorableInput', () => {
  it.each([
    ['text', 'plain text', null],
    ['an emoji (a surrogate pair) and other control characters', 'rivers \ud83c\udf0a\u0001\u007f', null],
    ['a NUL', 'a\u0000b', { path: '', problem: 'must not contain U+0000 (NUL)' }],
    ['a lone high surrogate', 'a\ud800', { path: '', problem: 'must not contain an unpaired surrogate (U+D800)' }],
    ['a lone low surrogate', '\udc00a', { path: '', problem: 'must not contain an unpaired surrogate (U+DC00)' }],
    ['reversed surrogates', '\udc00\ud800', { path: '', problem: 'must not contain an unpaired surrogate (U+DC00)' }],
    ['a nested string', { a: [1, { b: 'x\u0000' }] }, { path: '/a/1/b', problem: 'must not contain U+0000 (NUL)' }],
    ['a key', { ok: { 'k\u0000': 1 } }, { path: '/ok', problem: 'must not have a key containing U+0000 (NUL)' }],
    ['the first of two', ['\u0000', '\ud800'], { path: '/0', problem: 'must not contain U+0000 (NUL)' }],
    ['an overflowed number', { limit: Number.POSITIVE_INFINITY }, { path: '/limit', problem: 'must be a finite number' }],
    ['NaN', [Number.NaN], { path: '/0', problem: 'must be a finite number' }],
    ['other values', [null, true, 1.5, undefined], null],
  ])('%s', (_what, value, expected) => {
    expect(findUnstorableInput(value)).toEqual(expected)
  })

  it('walks a body nested deeper than the stack', () => {
    let deep: unknown = '\u0000'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(findUnstorableInput(deep)?.problem).toBe('must not contain U+0000 (NUL)')
  })
})

describe('assertStorableText', () => {
  it('returns storable text and names the flag otherwise', () => {
    expect(assertStorableText('--q', 'river')).toBe('river')
    expect(() => assertStorableText('--q', 'a\u0000')).toThrow('--q must not contain U+0000 (NUL)')
  })
})
