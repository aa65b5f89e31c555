import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MIN_TEXT_WORDS, matchKeys, storyFeatures, type StoryFeaturesOptions } from '../../src/dedupe/index.js'
import type { Item } from '../../src/model/index.js'
import { buildItem } from '../helpers/build-item.js'

const SEEN = new Date('2024-05-06T08:00:00Z')
const OPTIONS: StoryFeaturesOptions = { feedId: 1, feedTitle: 'The Daily Planet', seenAt: SEEN }

function item(fields: Partial<Item>): Item {
  return buildItem({ title: 'Title', ...fields })
}

const WORD = fc.stringMatching(/^[a-zé]{1,9}$/)
const TEXT = fc.array(WORD, { minLength: MIN_TEXT_WORDS, maxLength: 120 })
const WHITESPACE = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', ' \n ')
const TRACKING = fc.constantFrom('utm_source=rss', 'utm_medium=feed&utm_campaign=x', 'fbclid=IwAR0', 'gclid=Cj0', 'mc_cid=1&mc_eid=2', 'igshid=abc')

describe('storyFeatures', () => {
  it('describes an item by link, title, body fingerprints, length and date', () => {
    const words = Array.from({ length: 70 }, (_, i) => `word${i}`)
    const features = storyFeatures(item({
      url: 'https://www.dailyplanet.example/a?utm_source=rss',
      title: 'Storm closes schools – The Daily Planet',
      contentHtml: `<p>${words.join(' ')}.</p>`,
      publishedAt: new Date('2024-05-05T10:00:00Z'),
    }), OPTIONS)
    expect(features).toMatchObject({
      feedId: 1, urlKey: 'dailyplanet.example/a', title: 'storm closes schools', textLength: 70,
      publishedAt: new Date('2024-05-05T10:00:00Z'),
    })
    expect(features.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(features.leadFingerprint).toMatch(/^[0-9a-f]{64}$/)
  })

  it('prefers origLink, then a KeyedItem storyUrl, then the link; dates fall back to first seen', () => {
    const feedproxy = item({ url: 'http://feedproxy.google.com/~r/F/~3/x/slug' })
    expect(storyFeatures(feedproxy, { ...OPTIONS, origLink: 'https://example.com/a' }).urlKey).toBe('example.com/a')
    expect(storyFeatures({ ...item({ url: 'https://example.com/live' }), storyUrl: null }, OPTIONS).urlKey).toBeNull()
    expect(storyFeatures(item({ url: 'https://example.com/' }), OPTIONS).urlKey).toBeNull()
    expect(storyFeatures(item({}), OPTIONS).publishedAt).toEqual(SEEN)
  })

  it('uses the summary when it has more words than the content', () => {
    const features = storyFeatures(item({ contentHtml: '<p><img src="x.jpg"></p>', summary: 'Rain fell all day on the coast.' }), OPTIONS)
    expect(features.textLength).toBe(7)
    expect(features.fingerprint).not.toBeNull()
    expect(storyFeatures(item({}), OPTIONS)).toMatchObject({ fingerprint: null, leadFingerprint: null, textLength: 0 })
  })

  it('is stable: the same item always gives the same features', () => {
    fc.assert(fc.property(TEXT, (words) => {
      const input = item({ title: words.slice(0, 6).join(' '), contentHtml: `<p>${words.join(' ')}</p>` })
      expect(storyFeatures(input, OPTIONS)).toEqual(storyFeatures(structuredClone(input), OPTIONS))
    }))
  })

  it('ignores whitespace and letter case in the text', () => {
    fc.assert(fc.property(TEXT, fc.array(WHITESPACE, { minLength: 200, maxLength: 200 }), fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
      (words, spaces, upper) => {
        const plain = storyFeatures(item({ contentHtml: `<p>${words.join(' ')}</p>` }), OPTIONS)
        const varied = words.map((word, i) => (upper[i] === true ? word.toUpperCase() : word) + (spaces[i] ?? ' ')).join('')
        const other = storyFeatures(item({ contentHtml: `<p>  ${varied}</p>` }), OPTIONS)
        expect(other.fingerprint).toBe(plain.fingerprint)
        expect(other.leadFingerprint).toBe(plain.leadFingerprint)
      }))
  })

  it('ignores tracking parameters, fragments and host case in the link', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true }), fc.array(TRACKING, { minLength: 1, maxLength: 3 }), (url, params) => {
      const tracked = new URL(url)
      tracked.hostname = tracked.hostname.toUpperCase()
      tracked.hash = 'comments'
      const query = new URLSearchParams(tracked.search)
      for (const [name, value] of params.flatMap((p) => [...new URLSearchParams(p)])) query.append(name, value)
      tracked.search = query.toString()
      const plain = storyFeatures(item({ url }), OPTIONS)
      const other = storyFeatures(item({ url: tracked.toString() }), OPTIONS)
      expect(other.urlKey).toBe(plain.urlKey)
      expect(matchKeys(other)).toEqual(matchKeys(plain))
    }))
  })
})

describe('matchKeys', () => {
  it('lists the link, the title and the bands of the text and its opening', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`)
    const keys = matchKeys(storyFeatures(item({ url: 'https://example.com/a', title: 'Storm closes schools in Elmsford', contentHtml: `<p>${words.join(' ')}.</p>` }), OPTIONS))
    expect(keys.map((key) => key.replace(/:.*/, ''))).toEqual(['u', 't', 'v2f0', 'v2f1', 'v2f2', 'v2f3', 'v2f4', 'v2f5', 'v2f6', 'v2f7', 'v2l0', 'v2l1', 'v2l2', 'v2l3'])
  })

  it('leaves out what would make crowded buckets: generic titles and short texts', () => {
    expect(matchKeys(storyFeatures(item({ title: 'Live updates', summary: 'Short text here.' }), OPTIONS))).toEqual([])
  })

  it('gives a title with its kicker written either way one key', () => {
    const a = matchKeys(storyFeatures(item({ title: 'Word of the day: petrichor for you' }), OPTIONS))
    const b = matchKeys(storyFeatures(item({ title: 'Word of the day – petrichor for you' }), OPTIONS))
    expect(a).toEqual(b)
  })
})
