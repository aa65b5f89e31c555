import type { FastifyInstance } from 'fastify'
import { collectionToJson } from '../../present/index.js'
import { addFeedToCollection, getFeedByRefOrThrow, insertCollection, listCollections } from '../../store/index.js'
import { requireAdmin } from '../admin-auth.js'
import type { AppDeps } from '../app-deps.js'
import { errorResponses } from '../schemas/shapes.js'

interface CollectionBody {
  name: string
  title?: string
  description?: string
  include?: string[]
  exclude?: string[]
  feeds?: (number | string)[]
  merge_near_duplicates?: boolean
  source_priority?: number[]
}

/** GET /api/collections and the admin write POST /api/collections. */
export function collectionRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/collections',
    { schema: { tags: ['collections'], summary: 'Every collection, "all" included', response: { 200: { type: 'array', items: { $ref: 'Collection#' } } } } },
    async () => (await listCollections(deps.db)).map(collectionToJson),
  )

  const terms = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 100 } as const
  app.post<{ Body: CollectionBody }>(
    '/api/collections',
    {
      preHandler: requireAdmin(deps.config.adminToken),
      schema: {
        tags: ['collections'],
        summary: 'Create a collection with optional filters and member feeds; admin token',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 64 },
            title: { type: 'string', maxLength: 500 },
            description: { type: 'string', maxLength: 5000 },
            include: terms,
            exclude: terms,
            feeds: { type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'string' }] }, maxItems: 10_000 },
            merge_near_duplicates: { type: 'boolean', default: true },
            source_priority: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, maxItems: 1000 },
          },
          required: ['name'],
          additionalProperties: false,
        },
        response: { 201: { $ref: 'Collection#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body
      const created = await deps.db.transaction().execute(async (trx) => {
        const collection = await insertCollection(trx, {
          name: body.name,
          title: body.title ?? null,
          description: body.description ?? null,
          includeTerms: body.include ?? [],
          excludeTerms: body.exclude ?? [],
          mergeNearDuplicates: body.merge_near_duplicates ?? true,
          sourcePriority: body.source_priority ?? [],
        })
        for (const ref of body.feeds ?? []) {
          await addFeedToCollection(trx, collection, (await getFeedByRefOrThrow(trx, String(ref))).id)
        }
        return collection
      })
      const [withCount] = (await listCollections(deps.db)).filter((c) => c.id === created.id)
      return reply.status(201).send(collectionToJson(withCount ?? created))
    },
  )
}
