import sax from 'sax'
import type { PublishFormat } from '../../src/publish/index.js'

/** One published document as a client fetched it. */
export interface PublishedDocument {
  readonly collection: string
  readonly format: PublishFormat
  /** 0 for the first page. */
  readonly page: number
  readonly url: string
  readonly body: string
}

// More pages than any test collection has: a next link that loops must fail, not hang.
const MAX_PAGES = 50

/**
 * Fetches a collection's first document in `format` from `firstUrl` and every later page by following
 * its next links (RFC 5005 rel="next" in RSS and Atom, next_url in JSON Feed). Throws on a non-200
 * answer, a document without a readable next link, or a chain longer than MAX_PAGES.
 */
export async function fetchDocumentChain(collection: string, format: PublishFormat, firstUrl: string): Promise<PublishedDocument[]> {
  const documents: PublishedDocument[] = []
  let url: string | null = firstUrl
  while (url !== null) {
    if (documents.length === MAX_PAGES) throw new Error(`interop: ${collection}.${format} has more than ${MAX_PAGES} pages (a next link loops?)`)
    const response = await fetch(url)
    const body = await response.text()
    if (response.status !== 200) throw new Error(`interop: GET ${url} answered ${response.status}: ${body.slice(0, 500)}`)
    documents.push({ collection, format, page: documents.length, url, body })
    url = format === 'json' ? jsonNextUrl(body) : xmlNextUrl(body)
  }
  return documents
}

function jsonNextUrl(body: string): string | null {
  const document = JSON.parse(body) as { next_url?: unknown }
  return typeof document.next_url === 'string' ? document.next_url : null
}

// The feed-level link only: <link rel="next"> in atom:feed, <atom:link rel="next"> in rss/channel.
// Entries' links (Atom entry alternate, RSS item via) sit deeper and are ignored.
function xmlNextUrl(body: string): string | null {
  const parser = sax.parser(true, { xmlns: false })
  const open: string[] = []
  let next: string | null = null
  parser.onopentag = (tag) => {
    const parent = open.at(-1)
    const isLink = tag.name === 'link' || tag.name === 'atom:link'
    const rel = tag.attributes.rel
    if (isLink && (parent === 'feed' || parent === 'channel') && rel === 'next') {
      const href = tag.attributes.href
      if (typeof href === 'string') next = href
    }
    open.push(tag.name)
  }
  parser.onclosetag = () => {
    open.pop()
  }
  parser.write(body).close()
  return next
}
