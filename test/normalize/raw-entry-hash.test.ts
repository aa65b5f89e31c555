import { describe, expect, test } from 'vitest'
import type { ParsedEntry, ParsedFeed } from '../../src/model/index.js'
import { normalizeFeed } from '../../src/normalize/index.js'
import { rawEntryHash } from '../../src/normalize/raw-entry-hash.js'

const NOW = new Date('2024-06-01T00:00:00Z')
const CONTEXT = { feedUrl: 'https://site.example/feed.xml', siteUrl: 'https://site.example/', maxContentBytes: 1024 }

const entry = (fields: Partial<ParsedEntry>): ParsedEntry => ({
  guid: 'g1', guidIsPermaLink: false, link: 'https://site.example/1', links: [], title: 'One', titleIsHtml: false,
  authors: [], authorDetails: [], summaryHtml: null, contentHtml: '<p>Body <script>x</script>text.</p>', baseUrl: null,
  published: null, updated: null, categories: [], enclosures: [], image: null, source: null,
  ...fields,
})

const feedOf = (entries: ParsedEntry[]): ParsedFeed => ({
  format: 'rss', title: 'Feed', siteUrl: 'https://site.example/', description: null, ttlMinutes: null,
  updatePeriodSeconds: null, skipHours: [], skipDays: [], entries,
})

describe('rawEntryHash', () => {
  test('is the same for the same entry and context, and differs when either changes', () => {
    const hash = rawEntryHash(entry({}), CONTEXT)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(rawEntryHash(entry({}), { ...CONTEXT })).toBe(hash)
    expect(rawEntryHash(entry({ contentHtml: '<p>Body text!</p>' }), CONTEXT)).not.toBe(hash)
    expect(rawEntryHash(entry({}), { ...CONTEXT, feedUrl: 'https://site.example/other.xml' })).not.toBe(hash)
    expect(rawEntryHash(entry({}), { ...CONTEXT, siteUrl: null })).not.toBe(hash)
    expect(rawEntryHash(entry({}), { ...CONTEXT, maxContentBytes: 2048 })).not.toBe(hash)
  })
})

describe('normalizeFeed with knownRawHashes', () => {
  const options = { feedUrl: CONTEXT.feedUrl, now: NOW, maxContentBytes: CONTEXT.maxContentBytes }
  const full = normalizeFeed(feedOf([entry({})]), options).items[0]!

  test('a known entry is identified without its content, as a full read identifies it', () => {
    const [item] = normalizeFeed(feedOf([entry({})]), { ...options, knownRawHashes: new Set([full.rawHash!]) }).items
    expect(item).toEqual({ ...full, contentHtml: null, summary: null, unchanged: true })
  })

  test('an unknown entry is read in full', () => {
    const [item] = normalizeFeed(feedOf([entry({})]), { ...options, knownRawHashes: new Set(['0'.repeat(64)]) }).items
    expect(item).toEqual(full)
    expect(item!.contentHtml).toBe('<p>Body text.</p>')
  })

  test('a known entry with neither guid nor link, or titled by its text, is read in full', () => {
    for (const fields of [{ guid: null, link: null }, { title: null }]) {
      const read = normalizeFeed(feedOf([entry(fields)]), options).items[0]!
      const again = normalizeFeed(feedOf([entry(fields)]), { ...options, knownRawHashes: new Set([read.rawHash!]) }).items[0]!
      expect(again).toEqual(read)
      expect(again.unchanged).toBeUndefined()
    }
  })
})
