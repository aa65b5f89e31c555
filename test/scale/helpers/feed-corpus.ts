/** One item of a fixture feed, as written into its document. */
export interface CorpusItem {
  readonly guid: string
  readonly link: string
  readonly title: string
  readonly publishedAt: Date
}

/** One fixture feed: the URL it is served at, its document and the items in it. */
export interface CorpusFeed {
  readonly url: string
  readonly contentType: string
  readonly body: string
  readonly items: readonly CorpusItem[]
}

/** What a corpus holds, and what storing all of it must leave in the database. */
export interface Corpus {
  readonly feeds: readonly CorpusFeed[]
  /** Links carried by several feeds; each must end up as one story with `copiesPerSharedLink` items. */
  readonly sharedLinks: readonly string[]
  readonly copiesPerSharedLink: number
  readonly expectedItems: number
  readonly expectedStories: number
}

/** The shape of a corpus: how many feeds, spread round-robin over which origins. */
export interface CorpusOptions {
  /** `http://address:port` bases; feed n is served from origins[n % origins.length]. */
  readonly origins: readonly string[]
  readonly feeds: number
  readonly itemsPerFeed: number
  /** The first sharedLinks × copiesPerSharedLink feeds each carry one shared item as their last. */
  readonly sharedLinks: number
  readonly copiesPerSharedLink: number
  /** Distinguishes the paths of corpora served side by side. */
  readonly name: string
}

// Words, not numbers, tell titles apart: story matching reads numbers as installments of a series.
const WORDS = [
  'amber', 'basalt', 'cedar', 'delta', 'ember', 'fjord', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lagoon',
  'meadow', 'nectar', 'orchid', 'pebble', 'quartz', 'raven', 'saffron', 'thistle', 'umber', 'violet', 'willow', 'yarrow',
  'zephyr', 'alder', 'bramble', 'copper', 'dune', 'falcon', 'glacier', 'heron',
]

/**
 * Builds feeds of small RSS 2.0 (even feeds) and Atom (odd feeds) documents. Every item has its own
 * link and a title of four words that no other item has (too short for a title match, and with no
 * body to compare), so only the shared links join items of different feeds into one story.
 */
export function buildCorpus(options: CorpusOptions): Corpus {
  const { feeds: count, itemsPerFeed, sharedLinks, copiesPerSharedLink } = options
  if (sharedLinks * copiesPerSharedLink > count) throw new Error('corpus: more shared copies than feeds')
  // Recent dates, so copies of a story fall inside the store's matching window of each other.
  const base = Date.now() - 24 * 60 * 60 * 1000
  const feeds = Array.from({ length: count }, (_, n): CorpusFeed => {
    const origin = options.origins[n % options.origins.length]!
    const url = `${origin}/${options.name}/${String(n).padStart(4, '0')}.${n % 2 === 0 ? 'rss' : 'atom'}`
    const items = Array.from({ length: itemsPerFeed }, (_, i): CorpusItem => ({
      guid: `urn:tributary-scale:${options.name}:feed-${n}:item-${i}`,
      link: `https://news.example/${options.name}/feed-${n}/item-${i}`,
      title: uniqueTitle(n * itemsPerFeed + i),
      publishedAt: new Date(base - (n * itemsPerFeed + i) * 1000),
    }))
    if (n < sharedLinks * copiesPerSharedLink && items.length > 0) {
      const shared = n % sharedLinks
      items[items.length - 1] = {
        guid: `urn:tributary-scale:${options.name}:feed-${n}:shared-${shared}`,
        link: sharedLink(options.name, shared),
        title: `Wire report on the ${WORDS[shared % WORDS.length]} river crossing, edition ${uniqueTitle(shared)}`,
        publishedAt: new Date(base + shared * 1000),
      }
    }
    const title = `Scale fixture ${options.name} feed ${n}`
    return n % 2 === 0
      ? { url, contentType: 'application/rss+xml; charset=utf-8', body: rssDocument(title, url, items), items }
      : { url, contentType: 'application/atom+xml; charset=utf-8', body: atomDocument(title, url, items), items }
  })
  const sharedCopies = itemsPerFeed > 0 ? sharedLinks * copiesPerSharedLink : 0
  const expectedItems = count * itemsPerFeed
  return {
    feeds,
    sharedLinks: Array.from({ length: sharedLinks }, (_, s) => sharedLink(options.name, s)),
    copiesPerSharedLink,
    expectedItems,
    expectedStories: expectedItems - sharedCopies + sharedLinks,
  }
}

/** An OPML document subscribing to every feed of the corpus (no folders). */
export function corpusOpml(corpus: Corpus): string {
  const outlines = corpus.feeds.map((feed, n) => `    <outline type="rss" text="feed ${n}" xmlUrl="${escapeXml(feed.url)}"/>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>scale</title></head>\n  <body>\n${outlines.join('\n')}\n  </body>\n</opml>\n`
}

function sharedLink(name: string, shared: number): string {
  return `https://wire.example/${name}/story-${shared}`
}

function uniqueTitle(n: number): string {
  const words: string[] = []
  let rest = n
  for (let i = 0; i < 4; i++) {
    words.push(WORDS[rest % WORDS.length]!)
    rest = Math.floor(rest / WORDS.length)
  }
  if (rest > 0) throw new Error('corpus: too many items for four-word titles')
  return words.join(' ')
}

function rssDocument(title: string, url: string, items: readonly CorpusItem[]): string {
  const entries = items.map((item) => [
    '    <item>',
    `      <title>${escapeXml(item.title)}</title>`,
    `      <link>${escapeXml(item.link)}</link>`,
    `      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
    `      <pubDate>${item.publishedAt.toUTCString()}</pubDate>`,
    `      <description>A short note.</description>`,
    '    </item>',
  ].join('\n'))
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${escapeXml(title)}</title>`,
    `    <link>${escapeXml(url)}</link>`,
    '    <description>scale fixture</description>',
    ...entries,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n')
}

function atomDocument(title: string, url: string, items: readonly CorpusItem[]): string {
  const updated = new Date(Math.max(...items.map((item) => item.publishedAt.getTime()), 0)).toISOString()
  const entries = items.map((item) => [
    '  <entry>',
    `    <title>${escapeXml(item.title)}</title>`,
    `    <link href="${escapeXml(item.link)}"/>`,
    `    <id>${escapeXml(item.guid)}</id>`,
    `    <updated>${item.publishedAt.toISOString()}</updated>`,
    '    <summary>A short note.</summary>',
    '  </entry>',
  ].join('\n'))
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${escapeXml(title)}</title>`,
    `  <id>${escapeXml(url)}</id>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" href="${escapeXml(url)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n')
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
