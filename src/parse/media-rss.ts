import type { ParsedEnclosure } from '../model/index.js'
import { resolveInScope, scopeOf } from './xml-base.js'
import type { BaseScope } from './xml-base.js'
import { textToHtml } from './text-to-html.js'
import { attrOf, childrenOf, firstText, nodesOf, parseCount, textOf, trimmed, trimmedAttr } from './xml-node.js'

// Media RSS 1.5.1 (https://www.rssboard.org/media-rss): <media:content> stands alone or inside
// <media:group> (alternative renditions of one object); <media:thumbnail> may sit on the item, on
// the group or inside a <media:content>.

/** Returns every media:content of an item or entry, grouped ones included, as enclosures. Never throws. */
export function mediaEnclosures(item: unknown, scope: BaseScope): ParsedEnclosure[] {
  const contents = [...childrenOf(item, 'media:content'), ...groupsOf(item).flatMap((group) => childrenOf(group, 'media:content'))]
  return contents.flatMap((node) => {
    const url = trimmedAttr(node, 'url')
    if (url === null) return []
    return [{
      url: resolveInScope(url, scopeOf(node, scope)) ?? url,
      type: trimmedAttr(node, 'type'),
      length: parseCount(attrOf(node, 'fileSize')),
      duration: trimmedAttr(node, 'duration'),
    }]
  })
}

/** Returns the URL of the first media:thumbnail of an item or entry (its own, its group's, its content's), or null. Never throws. */
export function mediaThumbnail(item: unknown, scope: BaseScope): string | null {
  const holders = [item, ...groupsOf(item)]
  const thumbnails = [
    ...holders.flatMap((holder) => childrenOf(holder, 'media:thumbnail')),
    ...holders.flatMap((holder) => childrenOf(holder, 'media:content')).flatMap((content) => childrenOf(content, 'media:thumbnail')),
  ]
  for (const node of thumbnails) {
    // Some feeds write the URL as the element's text instead of the url attribute.
    const url = trimmedAttr(node, 'url') ?? firstText(node)
    if (url !== null) return resolveInScope(url, scopeOf(node, scope))
  }
  return null
}

// <media:description type="plain|html">: plain by default.
/** Returns the item's (or its group's) media:description as HTML, or null. Never throws. */
export function mediaDescription(item: unknown): string | null {
  for (const node of [item, ...groupsOf(item)].flatMap((holder) => childrenOf(holder, 'media:description'))) {
    const text = trimmed(textOf(node))
    if (text !== null) return attrOf(node, 'type')?.trim().toLowerCase() === 'html' ? text : textToHtml(text, { lineBreaks: false })
  }
  return null
}

function groupsOf(item: unknown): readonly unknown[] {
  return nodesOf(childrenOf(item, 'media:group'))
}
