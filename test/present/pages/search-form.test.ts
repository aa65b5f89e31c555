import { describe, expect, it } from 'vitest'
import { EMPTY_SEARCH_FORM, readSearchForm, searchPath, searchQuery } from '../../../src/present/pages/search-form.js'

describe('readSearchForm', () => {
  it('reads strings, the first of a repeated field, and a ticked checkbox', () => {
    expect(readSearchForm({ q: ' rust ', feed: ['2', '3'], per_story: '1', sort: 'rank', extra: 'x' }))
      .toEqual({ ...EMPTY_SEARCH_FORM, q: 'rust', feed: '2', perStory: '1', sort: 'rank' })
    expect(readSearchForm({ per_story: 'false' }).perStory).toBe('')
    expect(readSearchForm(undefined)).toEqual(EMPTY_SEARCH_FORM)
  })
})

describe('searchPath', () => {
  it('keeps only the filled fields and swaps in the next cursor', () => {
    const form = { ...EMPTY_SEARCH_FORM, q: 'a & b', collection: 'news', cursor: 'old' }
    expect(searchPath(form)).toBe('/search?q=a+%26+b&collection=news')
    expect(searchPath(form, 'next')).toBe('/search?q=a+%26+b&collection=news&cursor=next')
    expect(searchPath(EMPTY_SEARCH_FORM)).toBe('/search')
  })
})

describe('searchQuery', () => {
  it.each([
    ['a bare date is a whole UTC day; "through" includes it', { since: '2026-01-02', until: '2026-01-03' },
      { since: new Date('2026-01-02T00:00:00Z'), until: new Date('2026-01-04T00:00:00Z') }],
    ['an ISO time is taken as it is', { since: '2026-01-02T10:00:00+02:00' }, { since: new Date('2026-01-02T08:00:00Z') }],
    ['every filter', { q: 'x', collection: 'news', feed: '7', author: 'Ann', category: 'tech', sort: 'rank', perStory: '1', cursor: 'c' },
      { q: 'x', collection: 'news', feedId: 7, author: 'Ann', category: 'tech', sort: 'rank', perStory: true, cursor: 'c' }],
  ])('%s', (_name, fields, expected) => {
    expect(searchQuery({ ...EMPTY_SEARCH_FORM, ...fields }, 25)).toEqual({ limit: 25, sort: 'newest', perStory: false, ...expected })
  })

  it.each([
    [{ since: 'yesterday' }, 'since: "yesterday" is not a date; use YYYY-MM-DD or an ISO 8601 time such as 2026-01-31T12:00:00Z'],
    [{ until: '2026-02-30' }, 'until: "2026-02-30" is not a real time: month 2 of year 2026 has 28 days'],
    [{ since: '2026-06-30T23:59:60Z' }, 'since: "2026-06-30T23:59:60Z" is not a real time: leap seconds (second 60) cannot be stored; use 59'],
    [{ since: '0000-12-31' }, 'since: "0000-12-31" is out of range: use a time from 0001-01-01 to 9999-12-31 UTC'],
    [{ feed: 'abc' }, 'feed: "abc" is not a feed id'],
    [{ feed: '99999999999' }, 'feed: "99999999999" is not a feed id'],
    [{ sort: 'oldest' }, 'sort: use "newest" or "rank", not "oldest"'],
    [{ q: 'x'.repeat(501) }, 'q: at most 500 characters'],
  ])('rejects %j', (fields, message) => {
    expect(() => searchQuery({ ...EMPTY_SEARCH_FORM, ...fields }, 25)).toThrow(message)
  })
})
