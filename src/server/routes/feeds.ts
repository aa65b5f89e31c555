import type { FastifyInstance } from 'fastify'
import { ConflictError } from '../../errors.js'
import { redactUrl } from '../../fetch/index.js'
import { feedStatusToJson } from '../../present/index.js'
import { assertFeedUrl, deleteFeed, getFeedStatusOrThrow, listFeedStatuses, subscribeFeed } from '../../store/index.js'
import { requireAdmin } from '../admin-auth.js'
import type { AppDeps } from '../app-deps.js'
import { errorResponses } from '../schemas/shapes.js'

const feedIdParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } },
  required: ['id'],
} as const

/** GET /api/feeds, GET /api/feeds/:id, and the admin writes POST /api/feeds and DELETE /api/feeds/:id. */
export function feedRoutes(app: FastifyInstance, deps: AppDeps): void {
  const admin = requireAdmin(deps.config.adminToken)

  app.get(
    '/api/feeds',
    { schema: { tags: ['feeds'], summary: 'Every feed with its fetch status', response: { 200: { type: 'array', items: { $ref: 'Feed#' } } } } },
    async () => (await listFeedStatuses(deps.db)).map(feedStatusToJson),
  )

  app.get<{ Params: { id: number } }>(
    '/api/feeds/:id',
    { schema: { tags: ['feeds'], summary: 'One feed with its fetch status', params: feedIdParams, response: { 200: { $ref: 'Feed#' }, ...errorResponses(400, 404) } } },
    async (request) =>
      feedStatusToJson(await getFeedStatusOrThrow(deps.db, request.params.id)),
  )

  app.post<{ Body: { url: string; title?: string; collections?: string[] } }>(
    '/api/feeds',
    {
      onRequest: admin,
      schema: {
        tags: ['feeds'],
        summary: 'Subscribe a feed URL (an HTML page: the first feed it links to); admin token',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 2048 },
            title: { type: 'string', maxLength: 500 },
            collections: { type: 'array', items: { type: 'string' }, maxItems: 100 },
          },
          required: ['url'],
          additionalProperties: false,
        },
        response: { 201: { $ref: 'SubscribedFeed#' }, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { feedUrl: url, alternates } = await deps.resolveFeed(assertFeedUrl(request.body.url))
      const feed = await deps.db.transaction().execute(async (trx) => {
        const subscription = await subscribeFeed(trx, { url, title: request.body.title ?? null, collections: request.body.collections ?? [] })
        if (!subscription.created) throw new ConflictError(`feeds: ${redactUrl(url)} is already subscribed (feed ${subscription.feed.id})`)
        return subscription.feed
      })
      const status = feedStatusToJson(await getFeedStatusOrThrow(deps.db, feed.id))
      return reply.status(201).send({ ...status, alternates: alternates.map(({ url: altUrl, type, title }) => ({ url: altUrl, type, title })) })
    },
  )

  app.delete<{ Params: { id: number } }>('/api/feeds/:id', {
    onRequest: admin,
    schema: {
      tags: ['feeds'],
      summary: 'Unsubscribe a feed and delete its items; admin token',
      security: [{ bearer: [] }],
      params: feedIdParams,
      response: { 204: { type: 'null', description: 'Deleted' }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    await deps.db.transaction().execute((trx) => deleteFeed(trx, request.params.id))
    return reply.status(204).send()
  })
}
