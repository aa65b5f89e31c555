import { discoverFeeds, type DiscoveredFeed } from '../discover/index.js'
import { decodeText, parseFeed, ParseError } from '../parse/index.js'

/** A document a user asked to subscribe to. */
export interface ProbeInput {
  readonly body: Uint8Array
  readonly url: string
  readonly contentType: string | null
}

/** What the document is: a feed, or an HTML page with the feeds it links to (autodiscovery). */
export type ProbeResult =
  | { readonly kind: 'feed' }
  | { readonly kind: 'page'; readonly feeds: readonly DiscoveredFeed[] }

/** Tells a feed from an HTML page and lists the page's feeds; throws ParseError for anything else. */
export async function probeDocument(input: ProbeInput): Promise<ProbeResult> {
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength)
  try {
    await parseFeed(body, { url: input.url, contentType: input.contentType })
    return { kind: 'feed' }
  } catch (err: unknown) {
    if (!(err instanceof ParseError) || err.code !== 'parse_html_page') throw err
  }
  return { kind: 'page', feeds: discoverFeeds(decodeText(body, input.contentType), input.url) }
}
