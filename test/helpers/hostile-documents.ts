/**
 * Feed documents shaped as attacks on the parse stage, each at a size the caller picks: the tests
 * feed them to the worker pool and the refresh path, `npm run bench -- hostile` times them at growing
 * sizes. Each is small to send and (before issue 12) expensive to read.
 */

const CHANNEL_HEAD = '<rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>'
const CHANNEL_END = '</channel></rss>'

function rss(items: string): string {
  return `${CHANNEL_HEAD}${items}${CHANNEL_END}`
}

function item(n: number, contentHtml: string): string {
  return `<item><title>Item ${n}</title><link>https://hostile.example/${n}</link><guid>hostile-${n}</guid>`
    + `<pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate><description><![CDATA[${contentHtml}]]></description></item>`
}

/** Every shape, by name: a document of roughly `size` (comments, bytes, elements or items: see each). */
export const HOSTILE_SHAPES = {
  /** `size` empty comments before the root, served without a charset (the charset sniffing once went exponential). */
  commentsBeforeRoot: (size: number) => `${'<!---->'.repeat(size)}${rss('')}`,
  /** A DOCTYPE whose entity declaration never closes, `size` bytes of it. */
  unterminatedEntity: (size: number) => `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a ${' '.repeat(size)}${rss('')}`,
  /** A root start tag with `size` bytes of attribute text and no `=`. */
  rootAttributeText: (size: number) => `<rss version="2.0" ${'x'.repeat(size)}><channel><title>Hostile</title></channel></rss>`,
  /** One item whose content nests `size` elements. */
  nestedElements: (size: number) => rss(item(1, `${'<div>'.repeat(size)}deep text${'</div>'.repeat(size)}`)),
  /** `size` tiny items, all with the same title (one match key for all). */
  manyItems: (size: number) => rss(Array.from({ length: size }, (_, n) => `<item><title>Same title for all</title><guid>t${n}</guid></item>`).join('')),
  /** One item whose content is a single text node of `size` bytes. */
  hugeTextNode: (size: number) => rss(item(1, 'a'.repeat(size))),
  /** One element with `size` attributes. */
  manyAttributes: (size: number) => rss(`<item><title>Attributes</title><guid>attr</guid><category ${Array.from({ length: size }, (_, n) => `a${n}="v"`).join(' ')}>c</category></item>`),
  /** A root declaring `size` namespaces. */
  manyNamespaces: (size: number) => `<rss version="2.0" ${Array.from({ length: size }, (_, n) => `xmlns:n${n}="https://ns.example/${n}"`).join(' ')}><channel><title>Namespaces</title></channel></rss>`,
  /** An internal entity of 1 KB referenced `size` times (expansion is capped). */
  entityReferences: (size: number) => `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${'b'.repeat(1024)}">]>${rss(item(1, '').replace('<title>Item 1</title>', `<title>${'&big;'.repeat(size)}</title>`))}`,
} as const satisfies Record<string, (size: number) => string>

/** The hostile shape names. */
export type HostileShape = keyof typeof HOSTILE_SHAPES

/** An ordinary but large feed: `items` items of about `contentBytes` of HTML each. */
export function largeFeed(items: number, contentBytes: number): string {
  const paragraph = '<p>Lorem ipsum dolor sit amet, <a href="/x">consectetur</a> adipiscing elit, sed do eiusmod tempor.</p>'
  const content = paragraph.repeat(Math.max(1, Math.ceil(contentBytes / paragraph.length)))
  return rss(Array.from({ length: items }, (_, n) => item(n, `${n} ${content}`)).join(''))
}
