import type { FastifyInstance } from 'fastify'
import {
  DEFAULT_FEED_LIMIT, FEED_STYLESHEET_PATH, FeedCache, MAX_FEED_LIMIT, type CachedFeed, type ContentCoding, type FeedCacheOptions,
} from '../../present/index.js'
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
 * GET /collections/:name/feed.{rss,atom,json}: the merged feed from a FeedCache (rendered ahead for
 * every collection when the app starts), precompressed, revalidated with ETag and Last-Modified;
 * GET /feed.xsl: the stylesheet that shows RSS and Atom as a page in a browser.
 */
export function publishedFeedRoutes(app: FastifyInstance, deps: AppDeps, cacheOptions: FeedCacheOptions = {}): void {
  const feeds = new FeedCache(deps.db, app.log, cacheOptions)
  const site = () => ({ publicUrl: deps.config.publicUrl, hubUrl: deps.config.websubHub, iconUrl: deps.config.feedIconUrl })
  app.addHook('onReady', async () => {
    try {
      await feeds.renderDefaults(site())
    } catch (err: unknown) {
      // Serving still works: each document then renders on its first request.
      app.log.error({ err }, 'rendering merged feeds ahead of requests failed')
    }
  })
  // A render in the background must not outlive the app: the database closes after it.
  app.addHook('onClose', () => feeds.settled())
  const cacheControl = `public, max-age=${deps.config.feedMaxAgeSeconds}`

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
      // The bodies are compressed once per document by FeedCache, not per response.
      compress: false,
    },
    async (request, reply) => {
      const { name, format } = request.params
      const feed = await feeds.get({
        name,
        format,
        limit: request.query.limit,
        ...(request.query.cursor !== undefined && { cursor: request.query.cursor }),
        ...site(),
      })
      const coding = chooseCoding(request.headers['accept-encoding'])
      const { body, etag } = feed.codings[coding]
      const styled = format !== 'json'
      void reply
        .header('etag', etag)
        .header('last-modified', feed.lastModified.toUTCString())
        .header('cache-control', cacheControl)
        .header('vary', styled ? 'accept, accept-encoding' : 'accept-encoding')
      if (styled) void reply.header('content-security-policy', CONTENT_SECURITY_POLICY)
      if (isFresh(request.headers['if-none-match'], request.headers['if-modified-since'], feed)) return reply.status(304).send()
      void reply.header('content-type', styled && prefersPage(request.headers.accept, format) ? XML_FOR_BROWSERS : feed.contentType)
      if (coding !== 'identity') void reply.header('content-encoding', coding)
      return reply.send(body)
    },
  )

  // A companion of the feeds rather than part of the API: left out of the OpenAPI document, like the pages.
  app.get(FEED_STYLESHEET_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-type', FEED_STYLESHEET_CONTENT_TYPE)
      .header('cache-control', cacheControl)
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

/**
 * The coding to send (RFC 9110 §12.5.3): br or gzip when accepted, the one ranked higher (br on a
 * tie, being smaller), else identity, which is always acceptable to us (we have nothing else to send).
 */
function chooseCoding(acceptEncoding: string | undefined): ContentCoding {
  if (acceptEncoding === undefined) return 'identity'
  const br = quality(acceptEncoding, 'br', '*')
  const gzip = quality(acceptEncoding, 'gzip', '*')
  if (br > 0 && br >= gzip) return 'br'
  return gzip > 0 ? 'gzip' : 'identity'
}

/** The quality a header gives `name`, else the one it gives `wildcard`, else 0. */
function quality(header: string, name: string, wildcard: string | null = null): number {
  let fallback = 0
  for (const range of header.split(',')) {
    const [token, ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    if (token !== name && token !== wildcard) continue
    const q = params.find((param) => param.startsWith('q='))
    const value = q === undefined ? 1 : Number(q.slice(2)) || 0
    if (token === name) return value
    fallback = value
  }
  return fallback
}

/**
 * RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since counts only without it. Any coding's ETag
 * matches: they name the same content, and the 304 carries the ETag of the coding this request gets.
 */
function isFresh(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, feed: CachedFeed): boolean {
  if (ifNoneMatch !== undefined) {
    const { identity, gzip, br } = feed.codings
    return ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === identity.etag || tag === gzip.etag || tag === br.etag)
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince)
    return !Number.isNaN(since) && Math.floor(feed.lastModified.getTime() / 1000) * 1000 <= since
  }
  return false
}
