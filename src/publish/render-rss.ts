import { Feed } from 'feed'
import { sourceLink } from './clean-input.js'
import type { CleanEntry, CleanFeed } from './clean-input.js'
import {
  appendToEach,
  declareNamespace,
  escapeXml,
  forXmlJsAttribute,
  forXmlJsText,
  htmlForCdata,
  prependToFirst,
  xmlElement,
} from './extend-xml.js'
import { pagingLinks } from './paging-links.js'

const ATOM_NS = 'http://www.w3.org/2005/Atom'
const DC_NS = 'http://purl.org/dc/elements/1.1/'

/**
 * Renders an RSS 2.0 document with `<source>`, Atom via links for the other sources, RFC 5005 paging
 * links (atom:link, RFC 5005 Appendix B), the WebSub hub and image when given, and the xml-stylesheet
 * that shows it in a browser. RSS 2.0 allows one enclosure per item: only the first is kept here
 * (Atom and JSON carry them all). Throws nothing for a cleaned feed.
 */
export function renderRss(feed: CleanFeed): string {
  const rss = new Feed({
    title: forXmlJsText(feed.title),
    link: feed.htmlUrl,
    // RSS 2.0 requires a channel description.
    description: forXmlJsText(feed.description ?? feed.title),
    updated: feed.updatedAt,
    generator: feed.generator === null ? false : forXmlJsText(feed.generator),
    feed: feed.selfUrl,
    hub: feed.hubUrl ?? undefined,
    image: feed.iconUrl === null ? undefined : forXmlJsText(feed.iconUrl),
    stylesheet: feed.stylesheetUrl === null ? undefined : forXmlJsAttribute(feed.stylesheetUrl),
  })
  for (const entry of feed.entries) {
    const [enclosure] = entry.enclosures
    rss.addItem({
      // Left to itemExtras: feed 6 writes titles as CDATA, which cannot carry every plain-text
      // title (see htmlForCdata); an empty title and link make feed leave the element out.
      title: '',
      link: entry.url ?? '',
      guid: forXmlJsText(entry.id),
      date: entry.updatedAt,
      published: entry.publishedAt,
      description: description(entry),
      category: entry.categories.map((name) => ({ name: forXmlJsText(name) })),
      // RSS 2.0 requires type and length; 0 is the customary "unknown" length.
      enclosure:
        enclosure === undefined
          ? undefined
          : {
              url: enclosure.url,
              type: forXmlJsAttribute(enclosure.type ?? 'application/octet-stream'),
              length: enclosure.length ?? 0,
            },
    })
  }
  let xml = declareNamespace(rss.rss2(), 'rss', 'atom', ATOM_NS)
  xml = declareNamespace(xml, 'rss', 'dc', DC_NS)
  const paging = pagingLinks(feed).map(({ rel, href }) => xmlElement('atom:link', { rel, href }))
  xml = prependToFirst(xml, 'channel', paging)
  return appendToEach(xml, 'item', feed.entries.map(itemExtras))
}

// The full content is the description, as most readers expect of RSS; a summary stands in for
// missing content, HTML-escaped because description is HTML.
function description(entry: CleanEntry): string | undefined {
  if (entry.contentHtml !== null) return htmlForCdata(entry.contentHtml)
  return entry.summary === null ? undefined : escapeXml(entry.summary)
}

// RSS 2.0 <author> must be an e-mail address, so a name goes in dc:creator. RSS allows one
// <source> per item: the representative feed; every other carrying feed is an atom:link rel="via".
function itemExtras(entry: CleanEntry): string[] {
  return [
    xmlElement('title', {}, entry.title),
    ...(entry.author === null ? [] : [xmlElement('dc:creator', {}, entry.author)]),
    ...(entry.source === null
      ? []
      : [xmlElement('source', { url: entry.source.feedUrl }, entry.source.title ?? entry.source.feedUrl)]),
    ...entry.otherSources.map((source) =>
      xmlElement('atom:link', { rel: 'via', href: sourceLink(source), title: source.title }),
    ),
  ]
}
