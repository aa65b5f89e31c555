import type { FastifyInstance } from 'fastify'
import { DEFAULT_FEED_LIMIT, FEED_STYLESHEET_PATH, MAX_FEED_LIMIT, renderCollection } from '../../present/index.js'
import { CONTENT_TYPES, FEED_STYLESHEET, FEED_STYLESHEET_CONTENT_TYPE, type PublishFormat } from '../../publish/index.js'
import type { AppDeps } from '../app-deps.js'

const querystring = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: MAX_FEED_LIMIT, default: DEFAULT_FEED_LIMIT },
    cursor: { type: 'string', maxLength: 100 },
  },
  additionalProperties: false,
} as const

// Chromium shows application/rss+xml and application/atom+xml as plain text and applies an
// xml-stylesheet only to a document served as XML, so a browser gets the same bytes as this.
const XML_FOR_BROWSERS = 'application/xml; charset=utf-8'

// The page the stylesheet makes links and styles only: no script may run, and no frame may hold it.
// XSLT stylesheets are fetched under script-src (CSP Level 3).
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * GET /collections/:name/feed.{rss,atom,json}: the merged feed, revalidated with ETag and
 * Last-Modified; GET /feed.xsl: the stylesheet that shows RSS and Atom as a page in a browser.
 */
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
        hubUrl: deps.config.websubHub,
        iconUrl: deps.config.feedIconUrl,
      })
      const styled = format !== 'json'
      void reply
        .header('content-type', styled && prefersPage(request.headers.accept, format) ? XML_FOR_BROWSERS : feed.contentType)
        .header('etag', feed.etag)
        .header('last-modified', feed.lastModified.toUTCString())
        .header('cache-control', `public, max-age=${deps.config.feedMaxAgeSeconds}`)
      if (styled) void reply.header('vary', 'accept').header('content-security-policy', CONTENT_SECURITY_POLICY)
      if (isFresh(request.headers['if-none-match'], request.headers['if-modified-since'], feed.etag, feed.lastModified)) {
        return reply.status(304).send()
      }
      return reply.send(feed.body)
    },
  )

  // A companion of the feeds rather than part of the API: left out of the OpenAPI document, like the pages.
  app.get(FEED_STYLESHEET_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-type', FEED_STYLESHEET_CONTENT_TYPE)
      .header('cache-control', `public, max-age=${deps.config.feedMaxAgeSeconds}`)
      .send(FEED_STYLESHEET))
}

/**
 * True when the client ranks HTML above the feed's own media type (RFC 9110 §12.5.1 qualities): a
 * browser opening the URL. Feed readers name feed types or nothing (a missing type ranks 0).
 */
function prefersPage(accept: string | undefined, format: PublishFormat): boolean {
  if (accept === undefined) return false
  const feedType = CONTENT_TYPES[format].split(';')[0]!
  const html = quality(accept, 'text/html')
  return html > 0 && html > quality(accept, feedType)
}

function quality(accept: string, type: string): number {
  for (const range of accept.split(',')) {
    const [name, ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    if (name !== type) continue
    const q = params.find((param) => param.startsWith('q='))
    return q === undefined ? 1 : Number(q.slice(2)) || 0
  }
  return 0
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
