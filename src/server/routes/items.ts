import type { FastifyInstance } from 'fastify'
import { parseIsoTime } from '../../input/index.js'
import { itemToJson } from '../../present/index.js'
import { getItemOrThrow, queryItems } from '../../store/index.js'
import type { AppDeps } from '../app-deps.js'
import { errorResponses } from '../schemas/shapes.js'

interface ItemsQuery {
  q?: string
  feed?: number
  collection?: string
  author?: string
  category?: string
  since?: string
  until?: string
  sort: 'newest' | 'rank'
  per_story: boolean
  limit: number
  cursor?: string
}

/** GET /api/items (filtered, keyset-paginated) and GET /api/items/:id. */
export function itemRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: ItemsQuery }>(
    '/api/items',
    {
      schema: {
        tags: ['items'],
        summary: 'Search and list stored items, newest first or by relevance, with keyset pages',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 500 },
            feed: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
            collection: { type: 'string', maxLength: 64 },
            author: { type: 'string', minLength: 1, maxLength: 200 },
            category: { type: 'string', minLength: 1, maxLength: 200 },
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
            sort: { type: 'string', enum: ['newest', 'rank'], default: 'newest' },
            per_story: { type: 'boolean', default: false },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', maxLength: 100 },
          },
          additionalProperties: false,
        },
        response: { 200: { $ref: 'ItemPage#' }, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { q, feed, collection, author, category, since, until, sort, per_story: perStory, limit, cursor } = request.query
      const page = await queryItems(deps.db, {
        limit,
        sort,
        perStory,
        ...(author !== undefined && { author }),
        ...(category !== undefined && { category }),
        ...(q !== undefined && { q }),
        ...(feed !== undefined && { feedId: feed }),
        ...(collection !== undefined && { collection }),
        // The schema's date-time format lets a leap second (23:59:60) and year 0000 through; Date or PostgreSQL cannot hold them.
        ...(since !== undefined && { since: parseIsoTime('since', since) }),
        ...(until !== undefined && { until: parseIsoTime('until', until) }),
        ...(cursor !== undefined && { cursor }),
      })
      return { items: page.items.map(itemToJson), next_cursor: page.nextCursor }
    },
  )

  app.get<{ Params: { id: number } }>(
    '/api/items/:id',
    {
      schema: {
        tags: ['items'],
        summary: 'One stored item',
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } }, required: ['id'] },
        response: { 200: { $ref: 'Item#' }, ...errorResponses(400, 404) },
      },
    },
    async (request) => itemToJson(await getItemOrThrow(deps.db, request.params.id)),
  )
}
