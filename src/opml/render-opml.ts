import type { OpmlExport, OpmlFeed } from './opml-document.js'
import { cleanLabel } from './clean-label.js'

/**
 * Writes an OPML 2.0 subscription list: an outline per folder holding its feeds, and the feeds in
 * no folder at the top level, in order of first appearance. A feed in two folders appears in
 * both. Throws nothing.
 */
export function renderOpml(input: OpmlExport): string {
  const body: (OpmlFeed | { folder: string; feeds: OpmlFeed[] })[] = []
  const folders = new Map<string, OpmlFeed[]>()
  for (const feed of input.feeds) {
    const names = new Set(feed.folders.map(cleanLabel).filter((name) => name !== ''))
    if (names.size === 0) body.push(feed)
    for (const name of names) {
      const members = folders.get(name)
      if (members !== undefined) {
        members.push(feed)
        continue
      }
      const firstMember = [feed]
      folders.set(name, firstMember)
      body.push({ folder: name, feeds: firstMember })
    }
  }
  const dateCreated = input.dateCreated
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(cleanLabel(input.title))}</title>`,
    // OPML 2.0 dates are RFC 822, which toUTCString writes.
    ...(dateCreated === undefined || Number.isNaN(dateCreated.getTime())
      ? []
      : [`    <dateCreated>${dateCreated.toUTCString()}</dateCreated>`]),
    '  </head>',
    '  <body>',
    ...body.flatMap((item) =>
      'folder' in item
        ? [
            `    ${outline({ text: item.folder, title: item.folder })}>`,
            ...item.feeds.map((feed) => `      ${feedOutline(feed)}/>`),
            '    </outline>',
          ]
        : [`    ${feedOutline(item)}/>`],
    ),
    '  </body>',
    '</opml>',
    '',
  ].join('\n')
}

// OPML 2.0 requires text on every outline; an untitled feed shows its URL, and has no title.
function feedOutline(feed: OpmlFeed): string {
  const url = cleanLabel(feed.url)
  const title = feed.title === null ? '' : cleanLabel(feed.title)
  return outline({
    type: 'rss',
    text: title === '' ? url : title,
    title: title === '' ? null : title,
    xmlUrl: url,
    htmlUrl: feed.siteUrl === null ? null : cleanLabel(feed.siteUrl),
  })
}

// The start tag without its closing `>` or `/>`, attributes in the given order, null ones left out.
function outline(attributes: Readonly<Record<string, string | null>>): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('')
  return `<outline${attrs}`
}

// Escapes text for a double-quoted attribute or character data; cleanLabel already removed tabs and newlines.
function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
