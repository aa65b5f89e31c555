import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FINGERPRINT_VERSION, MATCH_WINDOW_MS, sameStory, type StoryFeatures } from '../../src/dedupe/index.js'

const T0 = new Date('2024-05-06T08:00:00Z')
const ZERO = '0'.repeat(64)
const ONES = 'f'.repeat(64)

/** A fingerprint `bits` bits away from ZERO. */
function away(bits: number): string {
  return ('f'.repeat(bits >> 2) + (bits % 4 === 0 ? '' : (0xf0 >> (bits % 4) & 0xf).toString(16))).padEnd(64, '0')
}

function features(fields: Partial<StoryFeatures>): StoryFeatures {
  return {
    feedId: 1, urlKey: null, title: 'storm closes schools across three western counties', fingerprint: ZERO,
    leadFingerprint: ZERO, fingerprintVersion: FINGERPRINT_VERSION, textLength: 200, publishedAt: T0, ...fields,
  }
}

function hours(n: number): Date {
  return new Date(T0.getTime() + n * 3_600_000)
}

const HEADLINE_ONLY = { textLength: 0, fingerprint: null, leadFingerprint: null }
// A stored item whose fingerprints are of version 1 (not yet recomputed).
const OLD_VERSION = { fingerprintVersion: 1 }
const OTHER_TITLE = 'pupils stay home as storm hits'

describe('sameStory', () => {
  it.each<[string, Partial<StoryFeatures>, Partial<StoryFeatures>, boolean, string, number?]>([
    ['same link across feeds, whatever the text', { urlKey: 'x.example/a' }, { feedId: 2, urlKey: 'x.example/a', fingerprint: ONES, title: 'other' }, true, 'canonical_url'],
    ['same link in one feed, same text (a new guid)', { urlKey: 'x.example/a' }, { urlKey: 'x.example/a', publishedAt: hours(5) }, true, 'canonical_url'],
    ['same link in one feed, texts differ (a live page)', { urlKey: 'x.example/live' }, { urlKey: 'x.example/live', fingerprint: ONES, leadFingerprint: ONES }, false, 'shared_link'],
    ['same link in one feed, headline-only, other titles', { urlKey: 'x.example/news', ...HEADLINE_ONLY }, { urlKey: 'x.example/news', ...HEADLINE_ONLY, title: 'council delays vote on parking fees' }, false, 'shared_link'],
    ['near-identical texts, any titles', {}, { feedId: 2, fingerprint: away(20), title: OTHER_TITLE }, true, 'fingerprint', 20],
    ['near-identical texts in one feed', {}, { fingerprint: away(20), publishedAt: hours(2) }, true, 'fingerprint', 20],
    ['similar texts, titles alike, across feeds', {}, { feedId: 2, fingerprint: away(48), leadFingerprint: ONES, title: 'storm closes schools in three counties' }, true, 'fingerprint', 48],
    ['similar texts, other titles', {}, { feedId: 2, fingerprint: away(40), title: OTHER_TITLE }, false, 'different', 40],
    ['similar texts in one feed (a template)', {}, { fingerprint: away(40) }, false, 'different', 40],
    ['texts too far apart', {}, { feedId: 2, fingerprint: away(49), leadFingerprint: ONES }, false, 'different', 49],
    ['the same opening, the rest edited', {}, { feedId: 2, fingerprint: away(64) }, true, 'lead', 0],
    ['the same opening, the rest different (a standfirst)', {}, { feedId: 2, fingerprint: away(65) }, false, 'different', 65],
    ['a summary whose opening matches', { textLength: 60, fingerprint: ONES }, { feedId: 2 }, true, 'lead', 0],
    ['a summary whose opening matches, other titles', { textLength: 60, fingerprint: ONES }, { feedId: 2, title: OTHER_TITLE }, false, 'different', 256],
    ['a summary in the same feed', { textLength: 60, fingerprint: ONES }, {}, false, 'different', 256],
    ['outside the window', {}, { feedId: 2, publishedAt: new Date(T0.getTime() + MATCH_WINDOW_MS + 1) }, false, 'time_window'],
    ['a number in an otherwise equal title (a series)', { title: 'daily crossword no 4512' }, { title: 'daily crossword no 4513', publishedAt: hours(24) }, false, 'series', 0],
    ['a weekday in an otherwise alike title (a series)', { title: 'weather forecast: monday showers' }, { feedId: 2, title: 'weather forecast: tuesday showers' }, false, 'series', 0],
    ['a figure replaced where another repeats (May 6 … 6.94 / May 7 … 6.94)', { title: 'mortgage rates today may 6: fixed rate 6 94' }, { feedId: 2, title: 'mortgage rates today may 7: fixed rate 6 94' }, false, 'series', 0],
    ['a headline that adds a figure is detail, not another installment', { title: 'quake kills 12 in valdora province' }, { feedId: 2, title: 'valdora quake kills 12 injures 80' }, true, 'fingerprint', 0],
    ['headline-only, same specific title', HEADLINE_ONLY, { feedId: 2, textLength: 10, fingerprint: away(100), leadFingerprint: null }, true, 'title'],
    ['headline-only, generic title', { ...HEADLINE_ONLY, title: 'live updates' }, { feedId: 2, title: 'live updates' }, false, 'different'],
    ['headline-only, similar titles', HEADLINE_ONLY, { feedId: 2, title: 'storm closes schools in three western counties' }, false, 'different'],
    ['equal fingerprints of different versions are not compared', OLD_VERSION, { feedId: 2, title: OTHER_TITLE }, false, 'different'],
    ['equal fingerprints of different versions, titles alike', OLD_VERSION, { feedId: 2, title: 'storm closes schools in three counties' }, false, 'different'],
    ['different versions, same specific title', OLD_VERSION, { feedId: 2, fingerprint: ONES, leadFingerprint: ONES }, true, 'title'],
    ['different versions, same link in one feed, titles alike', { ...OLD_VERSION, urlKey: 'x.example/a' }, { urlKey: 'x.example/a', fingerprint: ONES, leadFingerprint: ONES }, true, 'canonical_url'],
    ['different versions, same link in one feed, other titles', { ...OLD_VERSION, urlKey: 'x.example/a' }, { urlKey: 'x.example/a', title: OTHER_TITLE }, false, 'shared_link'],
  ])('%s', (_name, a, b, same, rule, distance) => {
    const match = sameStory(features(a), features(b))
    expect(match).toEqual(distance === undefined ? { same, rule } : { same, rule, distance })
  })

  it('is symmetric', () => {
    const fingerprint = fc.constantFrom(ZERO, away(12), away(20), away(40), away(48), away(64), away(100), ONES)
    const arbitrary = fc.record({
      feedId: fc.integer({ min: 1, max: 2 }),
      urlKey: fc.constantFrom(null, 'x.example/a', 'x.example/b'),
      title: fc.constantFrom('storm closes schools across three counties', 'storm closes schools', 'daily crossword no 4512',
        'daily crossword no 4513', 'word of the day: petrichor', 'word of the day: sonder', 'live updates', OTHER_TITLE),
      fingerprint: fc.option(fingerprint),
      leadFingerprint: fc.option(fingerprint),
      fingerprintVersion: fc.constantFrom(1, FINGERPRINT_VERSION),
      textLength: fc.integer({ min: 0, max: 400 }),
      publishedAt: fc.integer({ min: -100, max: 100 }).map(hours),
    })
    fc.assert(fc.property(arbitrary, arbitrary, (a, b) => {
      expect(sameStory(a, b)).toEqual(sameStory(b, a))
    }), { numRuns: 2000 })
  })
})
