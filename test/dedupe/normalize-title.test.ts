import { describe, expect, it } from 'vitest'
import { normalizeTitle, repeatedTitleAffixes } from '../../src/dedupe/index.js'

const PLANET = { feedTitle: 'The Daily Planet', url: 'https://www.dailyplanet.example/2024/05/a' }

describe('normalizeTitle', () => {
  it.each([
    ['suffix spelling the feed title', 'Storm closes schools – The Daily Planet', PLANET, 'storm closes schools'],
    ['suffix naming part of the feed title', 'Storm closes schools - Daily Planet', PLANET, 'storm closes schools'],
    ['suffix naming the host', 'Storm closes schools | dailyplanet.example', PLANET, 'storm closes schools'],
    ['prefix naming the site', 'Daily Planet: Storm closes schools', PLANET, 'storm closes schools'],
    ['short pipe labels', 'Storm closes schools | World | Video', {}, 'storm closes schools'],
    ['a repeated affix of the feed', 'Storm closes schools · Metro Times', { affixes: ['Metro Times'] }, 'storm closes schools'],
    ['flash label', 'BREAKING: Storm closes schools', {}, 'storm closes schools'],
    ['NFKC, case, punctuation and apostrophes', 'Ｓtorm “Ilse” Closes Elmsford’s Schools!', {}, 'storm ilse closes elmsfords schools'],
    ['kicker kept apart', 'Word of the day – petrichor', {}, 'word of the day: petrichor'],
    ['a dash inside a headline is not a site', 'Biden-Xi summit set for next week', PLANET, 'biden xi summit set for next week'],
    ['a clause after a dash is not a site', 'Storm hits coast - Daily Planet readers share photos of flooding', PLANET, 'storm hits coast: daily planet readers share photos of flooding'],
    ['a pipe section does not eat a short headline', 'Opinion | Trains are late', {}, 'opinion: trains are late'],
  ])('%s', (_name, title, context, expected) => {
    expect(normalizeTitle(title, context)).toBe(expected)
  })
})

describe('repeatedTitleAffixes', () => {
  it('finds affixes carried by at least three titles and half of them', () => {
    const titles = ['A story – Metro Times', 'Another story – Metro Times', 'Third story – Metro Times', 'Opinion: a column', 'Plain title']
    expect(repeatedTitleAffixes(titles)).toEqual(['Metro Times'])
  })

  it('finds nothing in titles without separators or with rare ones', () => {
    expect(repeatedTitleAffixes(['One', 'Two – Site', 'Three', 'Four', 'Five', 'Six'])).toEqual([])
  })
})
