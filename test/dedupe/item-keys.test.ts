import { describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import type { Item } from '../../src/model/index.js'
import { buildItem } from '../helpers/build-item.js'

function item(overrides: Partial<Item>): Item {
  return buildItem({ title: 'Title', ...overrides })
}

describe('identifyItems', () => {
  it('keys by guid, else canonical link, else text, naming the rule', () => {
    const [byGuid, byLink, byText] = identifyItems([
      item({ guid: 'abc', url: 'https://example.com/1' }),
      item({ url: 'https://example.com/2?utm_source=x' }),
      item({ title: 'No link', summary: 'Only text' }),
    ])
    expect(byGuid!.itemKey).toMatch(/^guid:[0-9a-f]{40}$/)
    expect(byLink!.itemKey).toBe(identifyItems([item({ url: 'https://EXAMPLE.com/2' })])[0]!.itemKey)
    expect(byLink!.itemKey).toMatch(/^url:/)
    expect(byText!.itemKey).toMatch(/^text:/)
  })

  it('gives the same keys on every run and a new content hash only when content changes', () => {
    const a = identifyItems([item({ guid: 'g', title: 'One' })])[0]!
    const again = identifyItems([item({ guid: 'g', title: 'One' })])[0]!
    const edited = identifyItems([item({ guid: 'g', title: 'One, edited' })])[0]!
    expect(again).toEqual(a)
    expect(edited.itemKey).toBe(a.itemKey)
    expect(edited.contentHash).not.toBe(a.contentHash)
  })

  it('tells apart different articles that reuse one guid, and drops an exact repeat', () => {
    const keyed = identifyItems([
      item({ guid: 'same', url: 'https://example.com/a', title: 'A' }),
      item({ guid: 'same', url: 'https://example.com/b', title: 'B' }),
      item({ guid: 'same', url: 'https://example.com/a', title: 'A' }),
    ])
    expect(keyed.map((k) => k.title)).toEqual(['A', 'B'])
    expect(keyed[0]!.itemKey).not.toBe(keyed[1]!.itemKey)
  })

  it('does not use a site root or a link shared by several items as a story identity', () => {
    const keyed = identifyItems([
      item({ guid: '1', url: 'https://example.com/' }),
      item({ guid: '2', url: 'https://example.com/live' }),
      item({ guid: '3', url: 'https://example.com/live#update-2' }),
      item({ guid: '4', url: 'https://example.com/story' }),
    ])
    expect(keyed.map((k) => k.storyUrl)).toEqual([null, null, null, 'https://example.com/story'])
  })
})
