import type { ItemSource, Link, ParsedEnclosure, ParsedEntry, ParsedFeed } from '../model/index.js'
import { alternateUrl, atomLinks } from './atom-links.js'
import { atomTextHtml } from './atom-text.js'
import { mediaDescription, mediaEnclosures, mediaThumbnail } from './media-rss.js'
import { displayNames, peopleOf } from './people.js'
import type { RawFeed } from './read-xml-feed.js'
import { skipDays, skipHours, updatePeriodSeconds } from './syndication.js'
import { resolveInScope, scopeOf } from './xml-base.js'
import type { BaseScope } from './xml-base.js'
import { attrOf, childrenOf, childText, htmlOf, parseCount, textOf, trimmed, trimmedAttr } from './xml-node.js'
import type { RawNode } from './xml-node.js'

// Where an item's text and HTML come from, in order of preference. Podcasts often carry only
// <itunes:summary>; RSS 1.0 modules sometimes only <dc:description>.
const SUMMARY_ELEMENTS = ['description', 'dc:description', 'itunes:summary', 'itunes:subtitle']
const CONTENT_ELEMENTS = ['content:encoded', 'xhtml:body', 'body', 'fullitem']
const AUTHOR_ELEMENTS = ['author', 'dc:creator', 'dc:author', 'atom:author', 'itunes:author']

/** Returns an RSS 0.9x/2.0 (`rss`) or RSS 1.0 (`rdf`) document's raw elements as a ParsedFeed. Never throws. */
export function rssFeed(raw: RawFeed, format: 'rss' | 'rdf', rootScope: BaseScope): ParsedFeed {
  const { feed } = raw
  const channelScope = scopeOf(feed, rootScope)
  // RSS 1.0 §5.5: items are siblings of the channel under rdf:RDF; the channel's xml:base does not reach them.
  const itemScope = format === 'rdf' ? rootScope : channelScope
  const siteUrl = childText(feed, 'link') ?? alternateUrl(atomLinks(childrenOf(feed, 'atom:link'), channelScope))
  return {
    format,
    title: childText(feed, 'title', 'dc:title'),
    siteUrl: resolveInScope(siteUrl, channelScope),
    description: firstHtml(feed, ['description', 'dc:description', 'itunes:summary'])?.html ?? null,
    ttlMinutes: parseCount(childText(feed, 'ttl')),
    updatePeriodSeconds: updatePeriodSeconds(feed),
    skipHours: skipHours(feed),
    skipDays: skipDays(feed),
    entries: raw.entries.map((item) => rssEntry(item, scopeOf(item, itemScope))),
  }
}

function rssEntry(item: RawNode, scope: BaseScope): ParsedEntry {
  const guidNode = childrenOf(item, 'guid')[0]
  const guid = trimmed(textOf(guidNode))
  const links = [...rssLinks(item, scope), ...atomLinks(childrenOf(item, 'atom:link'), scope)]
  const summary = firstHtml(item, SUMMARY_ELEMENTS)
  const atomContent = childrenOf(item, 'atom:content')[0]
  const atomContentHtml = atomTextHtml(atomContent, true)
  const content = firstHtml(item, CONTENT_ELEMENTS) ?? (atomContentHtml === null ? null : { html: atomContentHtml, node: atomContent })
  const authorDetails = AUTHOR_ELEMENTS.flatMap((name) => peopleOf(childrenOf(item, name), scope))
  return {
    // RSS 1.0 §5.5: an item's rdf:about is its URI, the nearest thing to a guid.
    guid: guid ?? trimmedAttr(item, 'rdf:about'),
    // RSS 2.0 <guid>: "isPermaLink is optional, its default value is true".
    guidIsPermaLink: guid === null ? null : attrOf(guidNode, 'isPermaLink')?.trim().toLowerCase() !== 'false',
    link: alternateUrl(links) ?? resolveInScope(permalinkGuid(guidNode), scope),
    links,
    title: childText(item, 'title', 'dc:title', 'media:title'),
    titleIsHtml: true,
    authors: displayNames(authorDetails),
    authorDetails,
    summaryHtml: summary?.html ?? atomTextHtml(childrenOf(item, 'atom:summary')[0]) ?? mediaDescription(item),
    contentHtml: content?.html ?? null,
    baseUrl: scopeOf((content ?? summary)?.node, scope).base,
    published: childText(item, 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published'),
    updated: childText(item, 'atom:updated', 'dcterms:modified'),
    categories: [...childrenOf(item, 'category'), ...childrenOf(item, 'dc:subject')]
      .map((node) => trimmed(textOf(node)) ?? trimmedAttr(node, 'term'))
      .filter((category) => category !== null),
    enclosures: enclosures(item, scope),
    image: mediaThumbnail(item, scope) ?? itunesImage(item, scope),
    source: source(item, scope),
  }
}

function firstHtml(node: unknown, names: readonly string[]): { html: string; node: unknown } | null {
  for (const name of names) {
    for (const child of childrenOf(node, name)) {
      const html = htmlOf(child)
      if (html !== null) return { html, node: child }
    }
  }
  return null
}

// RSS <link> is text; a few feeds write it Atom-style with an href attribute.
function rssLinks(item: unknown, scope: BaseScope): Link[] {
  return childrenOf(item, 'link').flatMap((node) => {
    const href = trimmed(textOf(node)) ?? trimmedAttr(node, 'href')
    const url = resolveInScope(href, scopeOf(node, scope))
    return url === null ? [] : [{ url, rel: 'alternate', type: null, title: null }]
  })
}

// A permalink guid is the item's URL: used only when the item has no link.
function permalinkGuid(node: unknown): string | null {
  if (attrOf(node, 'isPermaLink')?.trim().toLowerCase() === 'false') return null
  const text = trimmed(textOf(node))
  return text !== null && /^https?:\/\//i.test(text) ? text : null
}

// RSS 2.0 allows one <enclosure> per item; feeds often give several, all kept. A few write the
// fields as child elements rather than attributes. <itunes:duration> is the episode's length,
// that is the first enclosure's.
function enclosures(item: unknown, scope: BaseScope): ParsedEnclosure[] {
  const rss = childrenOf(item, 'enclosure').flatMap((node): ParsedEnclosure[] => {
    const url = trimmedAttr(node, 'url') ?? childText(node, 'url')
    if (url === null) return []
    return [{
      url: resolveInScope(url, scopeOf(node, scope)) ?? url,
      type: trimmedAttr(node, 'type') ?? childText(node, 'type'),
      length: parseCount(attrOf(node, 'length') ?? childText(node, 'length')),
      duration: null,
    }]
  })
  const all = [...rss, ...mediaEnclosures(item, scope)]
  const duration = childText(item, 'itunes:duration')
  const [first, ...rest] = all
  return first !== undefined && first.duration === null && duration !== null ? [{ ...first, duration }, ...rest] : all
}

function itunesImage(item: unknown, scope: BaseScope): string | null {
  const node = childrenOf(item, 'itunes:image')[0]
  return resolveInScope(trimmedAttr(node, 'href') ?? trimmed(textOf(node)), scopeOf(node, scope))
}

// RSS 2.0 <source url="…">Channel title</source>: the channel the item came from.
function source(item: unknown, scope: BaseScope): ItemSource | null {
  const node = childrenOf(item, 'source')[0]
  const title = trimmed(textOf(node))
  const url = resolveInScope(trimmedAttr(node, 'url'), scopeOf(node, scope))
  return title === null && url === null ? null : { title, url }
}
