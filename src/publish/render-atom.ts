import { Feed } from 'feed'
import { sourceLink } from './clean-input.js'
import type { CleanEntry, CleanFeed, CleanSource } from './clean-input.js'
import {
  appendToEach,
  escapeXml,
  forXmlJsAttribute,
  forXmlJsText,
  htmlForCdata,
  prependToFirst,
  xmlElement,
} from './extend-xml.js'
import { pagingLinks } from './paging-links.js'

/**
 * Renders an Atom 1.0 document (RFC 4287) with per-entry sources, RFC 5005 paging links, the WebSub
 * hub and icon when given, and the xml-stylesheet that shows it in a browser; throws nothing for a cleaned feed.
 */
export function renderAtom(feed: CleanFeed): string {
  const atom = new Feed({
    id: forXmlJsText(feedId(feed.selfUrl)),
    title: forXmlJsText(feed.title),
    updated: feed.updatedAt,
    generator: feed.generator ?? false,
    link: feed.htmlUrl,
    feed: feed.selfUrl,
    hub: feed.hubUrl ?? undefined,
    favicon: feed.iconUrl === null ? undefined : forXmlJsText(feed.iconUrl),
    stylesheet: feed.stylesheetUrl === null ? undefined : forXmlJsAttribute(feed.stylesheetUrl),
    description: feed.description === null ? undefined : forXmlJsText(feed.description),
    // An entry without an author takes the feed's (RFC 4287 §4.1.1, "atom:feed MUST contain one
    // or more atom:author unless all entries do"); the collection vouches for what it republishes.
    author: { name: forXmlJsText(feed.title) },
  })
  for (const entry of feed.entries) {
    atom.addItem({
      id: entry.id,
      // feed 6 always writes title and summary as type="html": plain text goes in HTML-escaped.
      title: escapeXml(entry.title),
      link: alternateLink(entry, feed.htmlUrl),
      date: entry.updatedAt,
      published: entry.publishedAt,
      description: entry.summary === null ? undefined : escapeXml(entry.summary),
      content: entry.contentHtml === null ? undefined : htmlForCdata(entry.contentHtml),
      author: entry.author === null ? undefined : [{ name: forXmlJsText(entry.author) }],
    })
  }
  const paging = pagingLinks(feed).map(({ rel, href }) => xmlElement('link', { rel, href }))
  const xml = prependToFirst(atom.atom1(), 'feed', paging)
  return appendToEach(xml, 'entry', feed.entries.map(entryExtras))
}

// An Atom id never changes (RFC 4287 §4.2.6): the self URL without its query and fragment, so
// ?limit= and paging parameters give every page of a collection the same id.
function feedId(selfUrl: string): string {
  const url = new URL(selfUrl)
  url.search = ''
  url.hash = ''
  return url.href
}

// feed 6 writes a link for every entry, and an entry without content must have an alternate link
// (RFC 4287 §4.1.2): an entry with no URL of its own points at another copy, its site, or the collection.
function alternateLink(entry: CleanEntry, htmlUrl: string): string {
  return (
    entry.url ??
    entry.otherSources.find((source) => source.itemUrl !== null)?.itemUrl ??
    entry.source?.siteUrl ??
    htmlUrl
  )
}

// What feed 6 cannot write: categories with a term (it drops term when only a name is given),
// enclosures with the declared type (it guesses one from the file extension), the representative
// feed as atom:source (RFC 4287 §4.2.11) and every other carrying feed as a rel="via" link (§4.2.7.2).
function entryExtras(entry: CleanEntry): string[] {
  return [
    ...entry.categories.map((term) => xmlElement('category', { term })),
    ...entry.enclosures.map((enclosure) =>
      xmlElement('link', {
        rel: 'enclosure',
        type: enclosure.type,
        length: enclosure.length,
        href: enclosure.url,
      }),
    ),
    ...(entry.source === null ? [] : [sourceElement(entry.source)]),
    ...entry.otherSources.map((source) =>
      xmlElement('link', { rel: 'via', href: sourceLink(source), title: source.title }),
    ),
  ]
}

// atom:source needs an id; the feed URL is the one stable name we have for a source feed.
function sourceElement(source: CleanSource): string {
  return xmlElement('source', {}, [
    xmlElement('id', {}, source.feedUrl),
    ...(source.title === null ? [] : [xmlElement('title', {}, source.title)]),
    xmlElement('link', { rel: 'self', href: source.feedUrl }),
    ...(source.siteUrl === null ? [] : [xmlElement('link', { rel: 'alternate', href: source.siteUrl })]),
  ])
}
