import type { ParsedFeed } from '../model/index.js'
import { decodeText } from './decode-text.js'
import { detectFormat } from './detect-format.js'
import { parseJsonFeed } from './json-feed.js'
import { parseRssAtom } from './rss-atom.js'

/** Returns the feed in a fetched document (`url` is its final URL, for messages); throws ParseError and nothing else. */
export async function parseFeed(body: Buffer, options: { url: string; contentType: string | null }): Promise<ParsedFeed> {
  // rss-parser would read a Buffer as UTF-8 whatever its charset, so it always gets decoded text.
  const text = decodeText(body, options.contentType)
  const format = detectFormat(text)
  if (format === 'json') return parseJsonFeed(text, options.url)
  return parseRssAtom(text, format, options.url)
}
