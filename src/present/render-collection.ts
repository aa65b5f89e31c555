import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
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

/**
 * Renders one page of a collection's merged feed. Throws NotFoundError for an unknown collection and
 * InputError for a bad cursor.
 */
export async function renderCollection(
  db: Kysely<Database>,
  request: { name: string; format: PublishFormat; limit: number; cursor?: string; publicUrl: string },
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
    },
    { limit: request.limit, ...(request.cursor !== undefined && { cursor: request.cursor }) },
  )
  const documentUrl = (cursor: string | undefined): string => {
    const url = new URL(request.publicUrl + collectionFeedPath(collection.name, request.format))
    if (request.limit !== DEFAULT_FEED_LIMIT) url.searchParams.set('limit', String(request.limit))
    if (cursor !== undefined) url.searchParams.set('cursor', cursor)
    return url.toString()
  }
  const updatedAt = page.entries.reduce((latest, e) => (e.updatedAt > latest ? e.updatedAt : latest), new Date(0))
  const body = renderFeed(request.format, {
    collection: { name: collection.name, title: collection.title ?? collection.name, description: collection.description },
    entries: page.entries,
    selfUrl: documentUrl(request.cursor),
    htmlUrl: `${request.publicUrl}/`,
    nextUrl: page.nextCursor === null ? null : documentUrl(page.nextCursor),
    updatedAt,
  })
  return {
    body,
    contentType: CONTENT_TYPES[request.format],
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    lastModified: updatedAt,
  }
}
