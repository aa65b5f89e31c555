import { identifyItems, withMatchData } from '../dedupe/index.js'
import type { ItemMatchData, KeyedItem } from '../model/index.js'
import { normalizeFeed } from '../normalize/index.js'
import { parseFeed } from '../parse/index.js'

/** A fetched feed document and what reading it needs to know about its feed. */
export interface FeedDocumentInput {
  readonly body: Uint8Array
  /** The document's final URL: the base of relative links, and named in messages. */
  readonly url: string
  readonly contentType: string | null
  /** The clock: the future-date check and the stand-in for missing dates. */
  readonly now: Date
  readonly feedId: number
  /** The feed's stored title, used when the document has none (it is stripped from item titles). */
  readonly storedTitle: string | null
  /** Content HTML beyond this many UTF-8 bytes is cut (TRIBUTARY_MAX_CONTENT_BYTES; default 1 MiB). */
  readonly maxContentBytes?: number
  /** Raw hashes of the items stored at the feed's last fetch: those entries are only identified (normalize/). */
  readonly knownRawHashes?: readonly string[]
}

/** A feed document read into items ready to store, with what the document says about the feed. */
export interface FeedDocument {
  readonly title: string | null
  readonly siteUrl: string | null
  readonly description: string | null
  /** Identified items in document order; each but the unchanged ones with its story features and match keys. */
  readonly items: readonly (KeyedItem & { readonly match?: ItemMatchData })[]
  readonly ttlMinutes: number | null
  readonly updatePeriodSeconds: number | null
  readonly skipHours: readonly number[]
  readonly skipDays: readonly number[]
}

/**
 * Runs every CPU stage of one document: parse → normalize → identify → match data. Throws ParseError
 * for a document that is not a feed; pure otherwise, so it can run on a worker thread.
 */
export async function readFeedDocument(input: FeedDocumentInput): Promise<FeedDocument> {
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength)
  const parsed = await parseFeed(body, { url: input.url, contentType: input.contentType })
  const normalized = normalizeFeed(parsed, {
    feedUrl: input.url,
    now: input.now,
    ...(input.maxContentBytes !== undefined && { maxContentBytes: input.maxContentBytes }),
    ...(input.knownRawHashes !== undefined && { knownRawHashes: new Set(input.knownRawHashes) }),
  })
  const items = withMatchData(identifyItems(normalized.items), {
    feedId: input.feedId,
    feedTitle: normalized.title ?? input.storedTitle,
    seenAt: input.now,
  })
  return {
    title: normalized.title,
    siteUrl: normalized.siteUrl,
    description: normalized.description,
    items,
    ttlMinutes: parsed.ttlMinutes,
    updatePeriodSeconds: parsed.updatePeriodSeconds,
    skipHours: parsed.skipHours,
    skipDays: parsed.skipDays,
  }
}
