import type { FastifyInstance } from 'fastify'
import { DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT, renderCollection } from '../../present/index.js'
import type { PublishFormat } from '../../publish/index.js'
import type { AppDeps } from '../app-deps.js'

const querystring = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: MAX_FEED_LIMIT, default: DEFAULT_FEED_LIMIT },
    cursor: { type: 'string', maxLength: 100 },
  },
  additionalProperties: false,
} as const

/** GET /collections/:name/feed.{rss,atom,json}: the merged feed, revalidated with ETag and Last-Modified. */
export function publishedFeedRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { name: string; format: PublishFormat }; Querystring: { limit: number; cursor?: string } }>(
    '/collections/:name/feed.:format',
    {
      schema: {
        tags: ['published feeds'],
        summary: 'A collection\'s merged feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1; ETag/Last-Modified, 304 on match',
        params: {
          type: 'object',
          properties: { name: { type: 'string' }, format: { type: 'string', enum: ['rss', 'atom', 'json'] } },
          required: ['name', 'format'],
        },
        querystring,
      },
    },
    async (request, reply) => {
      const { name, format } = request.params
      const feed = await renderCollection(deps.db, {
        name,
        format,
        limit: request.query.limit,
        ...(request.query.cursor !== undefined && { cursor: request.query.cursor }),
        publicUrl: deps.config.publicUrl,
      })
      void reply
        .header('content-type', feed.contentType)
        .header('etag', feed.etag)
        .header('last-modified', feed.lastModified.toUTCString())
        .header('cache-control', `public, max-age=${deps.config.feedMaxAgeSeconds}`)
      if (isFresh(request.headers['if-none-match'], request.headers['if-modified-since'], feed.etag, feed.lastModified)) {
        return reply.status(304).send()
      }
      return reply.send(feed.body)
    },
  )
}

/** RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since counts only without it. */
function isFresh(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, etag: string, lastModified: Date): boolean {
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, '')).some((tag) => tag === etag || tag === '*')
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince)
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since
  }
  return false
}
