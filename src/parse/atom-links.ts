import type { Link } from '../model/index.js'
import { resolveInScope, scopeOf } from './xml-base.js'
import type { BaseScope } from './xml-base.js'
import { attrOf, nodesOf, trimmed, trimmedAttr } from './xml-node.js'

/** Returns every Atom `<link>` with an href (RFC 4287 §4.2.7), resolved against its xml:base when one is in scope. Never throws. */
export function atomLinks(nodes: unknown, scope: BaseScope): Link[] {
  return nodesOf(nodes).flatMap((node) => {
    const href = trimmedAttr(node, 'href')
    if (href === null) return []
    const url = resolveInScope(href, scopeOf(node, scope)) ?? href
    // §4.2.7.2: "If the "rel" attribute is not present, the link element MUST be interpreted as if
    // the link relation type is "alternate"." Registered relation names are compared lower-cased.
    const rel = trimmed(attrOf(node, 'rel'))?.toLowerCase() ?? 'alternate'
    return [{ url, rel, type: trimmedAttr(node, 'type'), title: trimmedAttr(node, 'title') }]
  })
}

// Several alternates may be given (one per media type or language): the HTML one is the article.
/** Returns the URL of the preferred alternate link (an HTML one if any), or null. Never throws. */
export function alternateUrl(links: readonly Link[]): string | null {
  const alternates = links.filter((link) => link.rel === 'alternate' || link.rel === 'http://www.iana.org/assignments/relation/alternate')
  return (alternates.find((link) => /html/i.test(link.type ?? 'text/html')) ?? alternates[0])?.url ?? null
}
