import type { ItemSource, ParsedEnclosure, ParsedEntry, ParsedFeed, Person } from '../model/index.js'
import { alternateUrl, atomLinks } from './atom-links.js'
import { atomTextHtml, atomTextKind } from './atom-text.js'
import { mediaDescription, mediaEnclosures, mediaThumbnail } from './media-rss.js'
import { displayNames, peopleOf } from './people.js'
import { ATOM_LINK } from './read-xml-feed.js'
import type { RawFeed } from './read-xml-feed.js'
import { updatePeriodSeconds } from './syndication.js'
import { resolveInScope, scopeOf } from './xml-base.js'
import type { BaseScope } from './xml-base.js'
import { attrOf, childrenOf, childText, hasChildElements, nodesOf, parseCount, textOf, trimmed, trimmedAttr } from './xml-node.js'
import type { RawNode } from './xml-node.js'

/** Returns an Atom 1.0 or 0.3 document's raw elements as a ParsedFeed. Never throws. */
export function atomFeed(raw: RawFeed, documentScope: BaseScope): ParsedFeed {
  const { feed } = raw
  // The feed element is the root: its `$` holds the root's attributes, xml:base among them.
  const scope = scopeOf(feed, documentScope)
  const feedAuthors = peopleOf(childrenOf(feed, 'author'), scope)
  return {
    format: 'atom',
    title: atomTextHtml(childrenOf(feed, 'title')[0]),
    siteUrl: alternateUrl(atomLinks(childrenOf(feed, ATOM_LINK), scope)),
    // Atom 0.3 called the subtitle `tagline`.
    description: atomTextHtml(childrenOf(feed, 'subtitle')[0] ?? childrenOf(feed, 'tagline')[0]),
    ttlMinutes: null,
    updatePeriodSeconds: updatePeriodSeconds(feed),
    skipHours: [],
    skipDays: [],
    entries: raw.entries.map((entry) => atomEntry(entry, scopeOf(entry, scope), feedAuthors)),
  }
}

function atomEntry(entry: RawNode, scope: BaseScope, feedAuthors: readonly Person[]): ParsedEntry {
  const links = atomLinks(childrenOf(entry, ATOM_LINK), scope)
  const titleNode = childrenOf(entry, 'title')[0]
  const contentNode = childrenOf(entry, 'content')[0]
  const summaryNode = childrenOf(entry, 'summary')[0]
  const sourceNode = childrenOf(entry, 'source')[0]
  const contentHtml = atomTextHtml(contentNode, true)
  const authorDetails = authorsOf(entry, sourceNode, scope, feedAuthors)
  const plainTitle = atomTextKind(titleNode) === 'text' && !hasChildElements(titleNode) && attrOf(titleNode, 'mode') === null
  return {
    guid: childText(entry, 'id'),
    guidIsPermaLink: null,
    link: alternateUrl(links),
    links,
    title: plainTitle ? trimmed(textOf(titleNode)) : trimmed(atomTextHtml(titleNode)),
    titleIsHtml: !plainTitle,
    authors: displayNames(authorDetails),
    authorDetails,
    summaryHtml: atomTextHtml(summaryNode) ?? mediaDescription(entry),
    contentHtml,
    baseUrl: scopeOf(contentHtml === null ? summaryNode : contentNode, scope).base,
    // Atom 0.3 §4.13: `issued` (and `created`) for publication, `modified` for the last change.
    published: childText(entry, 'published', 'issued', 'created', 'dcterms:issued', 'dc:date'),
    updated: childText(entry, 'updated', 'modified', 'dcterms:modified'),
    // RFC 4287 §4.2.2: `label` is "a human-readable label for display"; `term` identifies the category.
    categories: [
      ...childrenOf(entry, 'category').map((node) => trimmedAttr(node, 'label') ?? trimmedAttr(node, 'term') ?? trimmed(textOf(node))),
      ...childrenOf(entry, 'dc:subject').map((node) => trimmed(textOf(node))),
    ].filter((category) => category !== null),
    enclosures: [...linkEnclosures(childrenOf(entry, ATOM_LINK), scope), ...mediaEnclosures(entry, scope)],
    image: mediaThumbnail(entry, scope),
    source: source(sourceNode, scope),
  }
}

// RFC 4287 §4.2.1: an entry without atom:author takes its atom:source's authors, and failing
// those the feed's.
function authorsOf(entry: RawNode, sourceNode: unknown, scope: BaseScope, feedAuthors: readonly Person[]): readonly Person[] {
  const own = peopleOf(childrenOf(entry, 'author'), scope)
  if (own.length > 0) return own
  const fromSource = peopleOf(childrenOf(sourceNode, 'author'), scopeOf(sourceNode, scope))
  return fromSource.length > 0 ? fromSource : feedAuthors
}

// RFC 4287 §4.2.7.2: rel="enclosure" "identifies a related resource that is potentially large in
// size"; `length` is its size in octets.
function linkEnclosures(nodes: unknown, scope: BaseScope): ParsedEnclosure[] {
  return nodesOf(nodes).flatMap((node) => {
    const href = trimmedAttr(node, 'href')
    if (href === null || attrOf(node, 'rel')?.trim().toLowerCase() !== 'enclosure') return []
    return [{
      url: resolveInScope(href, scopeOf(node, scope)) ?? href,
      type: trimmedAttr(node, 'type'),
      length: parseCount(attrOf(node, 'length')),
      duration: null,
    }]
  })
}

// RFC 4287 §4.2.11: the feed an entry was copied from, with its title and links.
function source(node: unknown, entryScope: BaseScope): ItemSource | null {
  if (node === undefined) return null
  const scope = scopeOf(node, entryScope)
  const links = atomLinks(childrenOf(node, ATOM_LINK), scope)
  const title = atomTextHtml(childrenOf(node, 'title')[0])
  const url = alternateUrl(links) ?? links.find((link) => link.rel === 'self')?.url ?? null
  return title === null && url === null ? null : { title, url }
}
