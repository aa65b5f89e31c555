import type { FastifyInstance } from 'fastify'
import type { CollectionSettings } from '../../model/index.js'
import { collectionToJson } from '../../present/index.js'
import {
  type Executor, addFeedToCollection, getCollectionOrThrow, getFeedByRefOrThrow, insertCollection, listCollectionFeedIds, listCollections,
  removeFeedFromCollection, updateCollection,
} from '../../store/index.js'
import { requireAdmin } from '../admin-auth.js'
import type { AppDeps } from '../app-deps.js'
import { errorResponses } from '../schemas/shapes.js'

/** The settings a client sends, in SPEC's snake_case; every field optional. */
interface SettingsBody {
  title?: string | null
  description?: string | null
  include?: string[]
  exclude?: string[]
  merge_near_duplicates?: boolean
  source_priority?: number[]
  max_age_seconds?: number | null
  per_source_cap?: number | null
  /** Member feeds (ids or URLs); on PATCH, the new member set. */
  feeds?: (number | string)[]
}

const terms = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 100 } as const
const settingsProperties = {
  title: { type: ['string', 'null'], maxLength: 500 },
  description: { type: ['string', 'null'], maxLength: 5000 },
  include: terms,
  exclude: terms,
  merge_near_duplicates: { type: 'boolean' },
  source_priority: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, maxItems: 1000 },
  max_age_seconds: { type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647, description: 'Leave out stories published longer ago; null for no limit.' },
  per_source_cap: { type: ['integer', 'null'], minimum: 1, maximum: 1_000_000, description: 'At most this many stories a day (UTC) from one source, its newest; null for no cap.' },
  feeds: { type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'string' }] }, maxItems: 10_000 },
} as const

function settingsFrom(body: SettingsBody): Partial<CollectionSettings> {
  return {
    ...(body.title !== undefined && { title: body.title }),
    ...(body.description !== undefined && { description: body.description }),
    ...(body.include !== undefined && { includeTerms: body.include }),
    ...(body.exclude !== undefined && { excludeTerms: body.exclude }),
    ...(body.merge_near_duplicates !== undefined && { mergeNearDuplicates: body.merge_near_duplicates }),
    ...(body.source_priority !== undefined && { sourcePriority: body.source_priority }),
    ...(body.max_age_seconds !== undefined && { maxAgeSeconds: body.max_age_seconds }),
    ...(body.per_source_cap !== undefined && { perSourceCap: body.per_source_cap }),
  }
}

/** Resolves feed references to ids; throws NotFoundError for an unknown one. */
async function feedIdsOf(db: Executor, refs: readonly (number | string)[]): Promise<number[]> {
  const ids: number[] = []
  for (const ref of refs) ids.push((await getFeedByRefOrThrow(db, String(ref))).id)
  return ids
}

/** GET /api/collections[/:name] and the admin writes POST /api/collections, PATCH /api/collections/:name. */
export function collectionRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/collections',
    { schema: { tags: ['collections'], summary: 'Every collection, "all" included', response: { 200: { type: 'array', items: { $ref: 'Collection#' } } } } },
    async () => (await listCollections(deps.db)).map(collectionToJson),
  )

  app.get<{ Params: { name: string } }>(
    '/api/collections/:name',
    {
      schema: {
        tags: ['collections'],
        summary: 'One collection',
        params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        response: { 200: { $ref: 'Collection#' }, ...errorResponses(404) },
      },
    },
    async (request) => collectionToJson(await getCollectionOrThrow(deps.db, request.params.name)),
  )

  app.post<{ Body: SettingsBody & { name: string } }>(
    '/api/collections',
    {
      onRequest: requireAdmin(deps.config.adminToken),
      schema: {
        tags: ['collections'],
        summary: 'Create a collection with optional filters and member feeds; admin token',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, maxLength: 64 }, ...settingsProperties },
          required: ['name'],
          additionalProperties: false,
        },
        response: { 201: { $ref: 'Collection#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await deps.db.transaction().execute(async (trx) => {
        const collection = await insertCollection(trx, request.body.name, settingsFrom(request.body))
        for (const id of await feedIdsOf(trx, request.body.feeds ?? [])) await addFeedToCollection(trx, collection, id)
        return getCollectionOrThrow(trx, collection.name)
      })
      return reply.status(201).send(collectionToJson(created))
    },
  )

  app.patch<{ Params: { name: string }; Body: SettingsBody }>(
    '/api/collections/:name',
    {
      onRequest: requireAdmin(deps.config.adminToken),
      schema: {
        tags: ['collections'],
        summary: 'Change a collection: the fields sent replace the stored ones, `feeds` the member set; admin token',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        body: { type: 'object', properties: settingsProperties, additionalProperties: false },
        response: { 200: { $ref: 'Collection#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { name } = request.params
      const updated = await deps.db.transaction().execute(async (trx) => {
        const collection = await updateCollection(trx, name, settingsFrom(request.body))
        if (request.body.feeds !== undefined) {
          const wanted = new Set(await feedIdsOf(trx, request.body.feeds))
          for (const id of (await listCollectionFeedIds(trx, collection)) ?? []) {
            if (!wanted.has(id)) await removeFeedFromCollection(trx, collection, id)
          }
          for (const id of wanted) await addFeedToCollection(trx, collection, id)
        }
        return getCollectionOrThrow(trx, name)
      })
      return collectionToJson(updated)
    },
  )
}
