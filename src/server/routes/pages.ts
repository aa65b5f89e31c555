import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../errors.js'
import {
  exportOpml, readSearchForm, renderErrorPage, renderFeedsPage, renderIndexPage, renderSearchPage, renderStoryPage, searchQuery, storyIdFromPath,
} from '../../present/index.js'
import { getStoryCopiesOrThrow, listCollections, listFeedActivity, listFeedStatuses, queryItems } from '../../store/index.js'
import type { AppDeps } from '../app-deps.js'
import { statusForCode } from '../errors.js'

const SEARCH_PAGE_SIZE = 25
const ACTIVITY_DAYS = 7

// Pages only link and style: no script may run, whatever a stored title or snippet holds.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

/** The web UI: GET / (collections), /search, /feeds (health), /stories/:id (every copy), and GET /opml; errors answer as HTML pages. */
export function pageRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Pages are for people; the OpenAPI document describes the JSON API and the feeds.
  const page = { errorHandler: pageErrorHandler, schema: { hide: true } }

  app.get('/', page, async (_request, reply) => {
    const [collections, feeds] = await Promise.all([listCollections(deps.db), listFeedStatuses(deps.db)])
    return sendHtml(reply, 200, renderIndexPage({ publicUrl: deps.config.publicUrl, collections, feeds }))
  })

  app.get('/search', page, async (request, reply) => {
    const form = readSearchForm(request.query)
    const [collections, feeds] = await Promise.all([listCollections(deps.db), listFeedStatuses(deps.db)])
    // Bad input keeps the form as typed, with the message beside it, instead of an error page.
    try {
      const results = await queryItems(deps.db, searchQuery(form, SEARCH_PAGE_SIZE))
      return sendHtml(reply, 200, renderSearchPage({ form, collections, feeds, results, error: null }))
    } catch (err: unknown) {
      const status = clientErrorStatus(err)
      if (status === null) throw err
      return sendHtml(reply, status, renderSearchPage({ form, collections, feeds, results: null, error: (err as Error).message }))
    }
  })

  app.get('/feeds', page, async (_request, reply) => {
    const [feeds, activity] = await Promise.all([listFeedStatuses(deps.db), listFeedActivity(deps.db, { now: new Date(), days: ACTIVITY_DAYS })])
    return sendHtml(reply, 200, renderFeedsPage({ feeds, activity }))
  })

  app.get<{ Params: { id: string } }>('/stories/:id', page, async (request, reply) =>
    sendHtml(reply, 200, renderStoryPage(await getStoryCopiesOrThrow(deps.db, storyIdFromPath(request.params.id)))))

  app.get('/opml', { schema: { summary: 'The subscriptions as OPML 2.0, collections as folders', tags: ['feeds'] } }, async (_request, reply) =>
    reply.header('content-type', 'text/x-opml; charset=utf-8').send(await exportOpml(deps.db, { now: new Date() })))
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .send(html)
}

/** A page's error as a page: the message for a client error, only "Internal Server Error" (and a log line) for ours. */
function pageErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = clientErrorStatus(err)
  if (status === null) request.log.error({ err }, 'page failed')
  void sendHtml(reply, status ?? 500, renderErrorPage({ status: status ?? 500, message: status === null ? 'Internal Server Error' : err.message }))
}

function clientErrorStatus(err: unknown): number | null {
  if (err instanceof AppError) return statusForCode(err.code)
  const status = (err as { statusCode?: unknown }).statusCode
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null
}
