import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { redactUrl } from '../fetch/index.js'
import type { StoryEntry } from '../model/index.js'
import { CONTENT_TYPES, renderFeed, type PublishFormat } from '../publish/index.js'
import { getCollectionOrThrow, listCollectionFeedIds, listCollectionStories } from '../store/index.js'

/** A rendered feed document with the validators a client revalidates with. */
export interface RenderedFeed {
  readonly body: string
  readonly contentType: string
  /** Strong ETag over the bytes, so it changes exactly when the document does. */
  readonly etag: string
  /** The newest change among the entries shown (not the clock). */
  readonly lastModified: Date
}

/** Entries per document unless `?limit=` says otherwise (SPEC: default 50, max 500). */
export const DEFAULT_FEED_LIMIT = 50
export const MAX_FEED_LIMIT = 500

/** Returns the path of a collection's feed document in a format, relative to the public URL. */
export function collectionFeedPath(name: string, format: PublishFormat): string {
  return `/collections/${encodeURIComponent(name)}/feed.${format}`
}

/** The path of the XSLT stylesheet that shows RSS and Atom documents in a browser, relative to the public URL. */
export const FEED_STYLESHEET_PATH = '/feed.xsl'

// FEED_STYLESHEET_PATH as seen from a feed document two segments down (collectionFeedPath): relative,
// so it is same-origin (browsers load XSLT from nowhere else) however the site is reached or copied.
const STYLESHEET_FROM_FEED = `../..${FEED_STYLESHEET_PATH}`

/** Which document of a collection's feed to render, and what the deployment adds to it. */
export interface CollectionFeedRequest {
  readonly name: string
  readonly format: PublishFormat
  readonly limit: number
  /** A cursor from a previous or next link; absent for the first page. */
  readonly cursor?: string
  /** Base of every link, without a trailing slash (TRIBUTARY_PUBLIC_URL). */
  readonly publicUrl: string
  /** False for a standalone document (static publishing): no previous or next link, as only a server answers cursors. Default true. */
  readonly paged?: boolean
  /** The WebSub hub, advertised (without credentials) only on the document whose URL is the topic announced to it: the first page at the default limit. */
  readonly hubUrl?: string | null
  /** An image that stands for the collection in feed readers. */
  readonly iconUrl?: string | null
}

/**
 * Renders one page of a collection's merged feed. Throws NotFoundError for an unknown collection and
 * InputError for a bad cursor.
 */
export async function renderCollection(
  db: Kysely<Database>,
  request: CollectionFeedRequest,
): Promise<RenderedFeed> {
  const collection = await getCollectionOrThrow(db, request.name)
  const feedIds = await listCollectionFeedIds(db, collection)
  const page = await listCollectionStories(
    db,
    {
      feedIds,
      includeTerms: collection.includeTerms,
      excludeTerms: collection.excludeTerms,
      mergeNearDuplicates: collection.mergeNearDuplicates,
      sourcePriority: collection.sourcePriority,
      maxAgeSeconds: collection.maxAgeSeconds,
      perSourceCap: collection.perSourceCap,
    },
    { limit: request.limit, ...(request.cursor !== undefined && { cursor: request.cursor }) },
  )
  const documentUrl = (cursor: string | undefined): string => {
    const url = new URL(request.publicUrl + collectionFeedPath(collection.name, request.format))
    if (request.limit !== DEFAULT_FEED_LIMIT) url.searchParams.set('limit', String(request.limit))
    if (cursor !== undefined) url.searchParams.set('cursor', cursor)
    return url.toString()
  }
  const paged = request.paged ?? true
  // The pings authenticate with the hub URL's credentials; the announced URL goes without them.
  const hubUrl = request.hubUrl === undefined || request.hubUrl === null ? null : redactUrl(request.hubUrl)
  const updatedAt = page.entries.reduce((latest, e) => (e.updatedAt > latest ? e.updatedAt : latest), new Date(0))
  const body = renderFeed(request.format, {
    collection: { name: collection.name, title: collection.title ?? collection.name, description: collection.description },
    entries: page.entries.map(withoutCredentials),
    selfUrl: documentUrl(request.cursor),
    htmlUrl: `${request.publicUrl}/`,
    firstUrl: documentUrl(undefined),
    previousUrl: paged && page.previous !== null ? documentUrl(page.previous.cursor ?? undefined) : null,
    nextUrl: paged && page.nextCursor !== null ? documentUrl(page.nextCursor) : null,
    hubUrl: request.cursor === undefined && request.limit === DEFAULT_FEED_LIMIT ? hubUrl : null,
    iconUrl: request.iconUrl ?? null,
    stylesheetUrl: STYLESHEET_FROM_FEED,
    updatedAt,
  })
  return {
    body,
    contentType: CONTENT_TYPES[request.format],
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    lastModified: updatedAt,
  }
}

// Every published document, served or written to a static folder, is built here, so this is the one
// place where a subscribed URL's user and password (kept for fetching as Basic auth) are dropped
// before they could reach an Atom <source>, an RSS <source url> or a JSON Feed source (issue 12).
function withoutCredentials(entry: StoryEntry): StoryEntry {
  return { ...entry, sources: entry.sources.map((source) => ({ ...source, feedUrl: redactUrl(source.feedUrl) })) }
}
