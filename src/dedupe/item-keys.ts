import { createHash } from 'node:crypto'
import type { Item, KeyedItem } from '../model/index.js'
import { canonicalUrl, isSiteRoot } from './canonical-url.js'

/**
 * Gives each item of one feed document its item key (guid, else canonical link, else a content hash)
 * and story URL. Repeated entries (same key and same content) are dropped; a guid repeated for
 * different articles is told apart by adding the link. Pure; never throws.
 */
export function identifyItems(items: readonly Item[]): KeyedItem[] {
  const links = items.map((item) => (item.url === null ? null : canonicalUrl(item.url)))
  const linkUse = countBy(links)
  const seen = new Set<string>()
  const seenEntries = new Set<string>()
  const result: KeyedItem[] = []
  items.forEach((item, index) => {
    const link = links[index] ?? null
    const contentHash = hashContent(item)
    let itemKey = primaryKey(item, link)
    // The same entry twice in one document: keep the first.
    if (seenEntries.has(`${itemKey} ${contentHash}`)) return
    seenEntries.add(`${itemKey} ${contentHash}`)
    // A feed that reuses one guid for several articles (seen in the wild): the link tells them apart.
    if (seen.has(itemKey) && item.guid !== null && link !== null) itemKey = hashKey('guid+url', `${item.guid}\n${link}`)
    if (seen.has(itemKey)) itemKey = hashKey('guid+hash', `${itemKey}\n${contentHash}`)
    seen.add(itemKey)
    // The homepage trap: a site root, or a link shared by several items of this document, names no single story.
    const storyUrl = link !== null && !isSiteRoot(link) && (linkUse.get(link) ?? 0) === 1 ? link : null
    result.push({ ...item, itemKey, contentHash, storyUrl })
  })
  return result
}

function primaryKey(item: Item, link: string | null): string {
  const guid = item.guid?.trim()
  if (guid) return hashKey('guid', guid)
  if (link !== null) return hashKey('url', link)
  // Without guid or link only the text identifies the entry; dates are left out so a re-dated copy matches.
  return hashKey('text', `${item.title}\n${item.summary ?? ''}\n${item.contentHtml ?? ''}`)
}

/** Keys are hashed so an absurdly long guid cannot overflow the unique index; the prefix names the rule. */
function hashKey(rule: string, value: string): string {
  return `${rule}:${sha256(value).slice(0, 40)}`
}

/** Hash of what a reader sees; a change means the item was edited. */
function hashContent(item: Item): string {
  const fields = [item.title, item.url, item.author, item.summary, item.contentHtml, item.publishedAt?.toISOString(),
    item.updatedAt?.toISOString(), item.categories.join('\u0000'), JSON.stringify(item.enclosures)]
  return sha256(fields.map((f) => f ?? '').join('\u0001'))
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

function countBy(values: readonly (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}
