import { setImmediate as nextTurn } from 'node:timers/promises'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { NotFoundError } from '../errors.js'
import type { Logger } from '../log/index.js'
import { CONTENT_TYPES, type PublishFormat } from '../publish/index.js'
import { listCollections } from '../store/index.js'
import { DEFAULT_FEED_LIMIT, renderCollection, type CollectionFeedRequest, type RenderedFeed } from './render-collection.js'

/** The content-codings a document is kept in (RFC 9110 §8.4.1), each computed once per document. */
export type ContentCoding = 'identity' | 'gzip' | 'br'

/** One content-coding of a document: the bytes to send and the strong ETag that names exactly them. */
export interface EncodedFeed {
  readonly body: Buffer
  readonly etag: string
}

/** A rendered feed document in every content-coding, with what a client revalidates it by. */
export interface CachedFeed {
  readonly contentType: string
  /** The newest change among the entries shown (not the clock). */
  readonly lastModified: Date
  readonly codings: Readonly<Record<ContentCoding, EncodedFeed>>
}

/** How fresh and how big the cache stays; every field has a default. */
export interface FeedCacheOptions {
  /** A copy checked longer ago than this is rendered again on its next request. Default 1000 ms. */
  readonly revalidateAfterMs?: number
  /** A copy checked longer ago than this is never served: its request waits for the render. Default FEED_CACHE_MAX_STALE_MS. */
  readonly maxStaleMs?: number
  /** Bytes kept over every document and coding; the least recently served go first. Default 64 MiB. */
  readonly maxBytes?: number
  /** A monotonic clock in milliseconds. Default performance.now. */
  readonly now?: () => number
}

interface Entry {
  readonly feed: CachedFeed
  /** When the database was read for this copy (the render's start). */
  readonly checkedAt: number
  readonly bytes: number
}

const FORMATS = Object.keys(CONTENT_TYPES) as PublishFormat[]

/** The oldest check a served copy may have by default; a WebSub ping waits longer than this (cli/refresh-setup.ts). */
export const FEED_CACHE_MAX_STALE_MS = 30_000

// Quality 6 of 11: an 86 KB Atom page of 50 entries compresses to 11.3 KB in 2.6 ms, against 10.0 KB
// in 148 ms at 11 (node's default), and a render that finds new content compresses before it answers.
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }
const compressGzip = promisify(gzip)
const compressBrotli = promisify(brotliCompress)

/**
 * Rendered merged-feed documents kept in memory with their gzip and br encodings, so that serving one
 * is a buffer write. Other processes (workers) write to the database, so a copy is checked against it
 * again rather than invalidated: once `revalidateAfterMs` has passed, the next request renders the
 * document again in the background and is answered with the copy in hand, which is never older than
 * `maxStaleMs`. A render of unchanged content keeps the encodings it has. Each document renders at most
 * once at a time; bytes are bounded by evicting the least recently served.
 */
export class FeedCache {
  readonly #db: Kysely<Database>
  readonly #log: Pick<Logger, 'debug' | 'error'>
  readonly #revalidateAfterMs: number
  readonly #maxStaleMs: number
  readonly #maxBytes: number
  readonly #now: () => number
  // Map order is recency: a hit moves its entry to the end and eviction starts at the front.
  readonly #entries = new Map<string, Entry>()
  readonly #renders = new Map<string, Promise<CachedFeed>>()
  #bytes = 0
  #renderCount = 0

  constructor(db: Kysely<Database>, log: Pick<Logger, 'debug' | 'error'>, options: FeedCacheOptions = {}) {
    this.#db = db
    this.#log = log
    this.#revalidateAfterMs = options.revalidateAfterMs ?? 1000
    this.#maxStaleMs = options.maxStaleMs ?? FEED_CACHE_MAX_STALE_MS
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024
    this.#now = options.now ?? (() => performance.now())
  }

  /**
   * Returns the document `request` names: the copy in hand when it was checked within `maxStaleMs`
   * (rendering it again in the background when `revalidateAfterMs` has passed), else a new render.
   * Throws what renderCollection throws: NotFoundError, InputError, or a database error.
   */
  async get(request: CollectionFeedRequest): Promise<CachedFeed> {
    const key = cacheKey(request)
    const entry = this.#entries.get(key)
    if (entry !== undefined) {
      const age = this.#now() - entry.checkedAt
      if (age < this.#maxStaleMs) {
        this.#entries.delete(key)
        this.#entries.set(key, entry)
        if (age >= this.#revalidateAfterMs && !this.#renders.has(key)) {
          this.#render(key, request).catch((err: unknown) => this.#logBackgroundFailure(err, request))
        }
        return entry.feed
      }
    }
    return this.#renders.get(key) ?? this.#render(key, request)
  }

  /**
   * Renders the first page at the default limit of every collection in every format (the documents
   * readers subscribe to), so that their first requests after start are answered from memory.
   * Throws when the database fails.
   */
  async renderDefaults(site: Pick<CollectionFeedRequest, 'publicUrl' | 'hubUrl' | 'iconUrl'>): Promise<void> {
    for (const { name } of await listCollections(this.#db)) {
      for (const format of FORMATS) {
        try {
          await this.get({ ...site, name, format, limit: DEFAULT_FEED_LIMIT })
        } catch (err: unknown) {
          // Deleted since it was listed: nothing to render.
          if (!(err instanceof NotFoundError)) throw err
        }
      }
    }
  }

  /** Resolves when no render is in flight, background ones included, whatever their outcome. */
  async settled(): Promise<void> {
    while (this.#renders.size > 0) await Promise.allSettled(this.#renders.values())
  }

  /** Documents and bytes kept now, and renders started since the cache was made. */
  stats(): { documents: number; bytes: number; renders: number } {
    return { documents: this.#entries.size, bytes: this.#bytes, renders: this.#renderCount }
  }

  #render(key: string, request: CollectionFeedRequest): Promise<CachedFeed> {
    const rendering = this.#renderAndKeep(key, request).finally(() => this.#renders.delete(key))
    this.#renders.set(key, rendering)
    this.#renderCount++
    return rendering
  }

  async #renderAndKeep(key: string, request: CollectionFeedRequest): Promise<CachedFeed> {
    // Begin after this turn of the event loop, so that a response sent from the copy in hand goes out
    // before the render's synchronous start (building and sending its first query).
    await nextTurn()
    const checkedAt = this.#now()
    try {
      const rendered = await renderCollection(this.#db, request)
      const previous = this.#entries.get(key)?.feed
      const feed = previous?.codings.identity.etag === rendered.etag ? previous : await encodeFeed(withLaterDate(rendered, previous))
      this.#keep(key, { feed, checkedAt, bytes: byteSize(feed) })
      return feed
    } catch (err: unknown) {
      // A copy that could not be checked is not served again: the collection may be gone.
      this.#forget(key)
      throw err
    }
  }

  #keep(key: string, entry: Entry): void {
    this.#forget(key)
    this.#entries.set(key, entry)
    this.#bytes += entry.bytes
    // A document bigger than the whole bound is answered but not kept.
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.#maxBytes) break
      this.#forget(oldest)
    }
  }

  #forget(key: string): void {
    const entry = this.#entries.get(key)
    if (entry === undefined) return
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
  }

  #logBackgroundFailure(err: unknown, request: CollectionFeedRequest): void {
    if (err instanceof NotFoundError) this.#log.debug({ collection: request.name }, 'merged feed gone on revalidation')
    else this.#log.error({ err, collection: request.name, format: request.format }, 'merged feed revalidation failed')
  }
}

/**
 * Last-Modified is the newest change among the entries shown, but a document also changes when an entry
 * leaves it (max age, a cap, a feed taken out): then it must still move forward, or a client that
 * revalidates by date alone would be told nothing changed. It moves to the time of the render.
 */
function withLaterDate(rendered: RenderedFeed, previous: CachedFeed | undefined): RenderedFeed {
  if (previous === undefined || rendered.lastModified > previous.lastModified) return rendered
  return { ...rendered, lastModified: new Date(Math.max(Date.now(), previous.lastModified.getTime() + 1000)) }
}

/** Everything a document depends on besides the database, as one unambiguous string. */
function cacheKey(request: CollectionFeedRequest): string {
  return JSON.stringify([request.name, request.format, request.limit, request.cursor ?? null, request.paged ?? true,
    request.publicUrl, request.hubUrl ?? null, request.iconUrl ?? null])
}

/**
 * Encodes a rendered document once per coding. A strong validator names one representation (RFC 9110
 * §8.8.3), so each coding's ETag is the identity one with a suffix.
 */
async function encodeFeed(rendered: RenderedFeed): Promise<CachedFeed> {
  const body = Buffer.from(rendered.body)
  const [gzipped, brotli] = await Promise.all([compressGzip(body, { level: 9 }), compressBrotli(body, BROTLI_OPTIONS)])
  const tag = rendered.etag.slice(1, -1)
  return {
    contentType: rendered.contentType,
    lastModified: rendered.lastModified,
    codings: {
      identity: { body, etag: rendered.etag },
      gzip: { body: gzipped, etag: `"${tag}-gz"` },
      br: { body: brotli, etag: `"${tag}-br"` },
    },
  }
}

function byteSize(feed: CachedFeed): number {
  return feed.codings.identity.body.length + feed.codings.gzip.body.length + feed.codings.br.body.length
}
