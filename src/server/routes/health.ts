import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { isSchemaCurrent } from '../../db/index.js'
import type { AppDeps } from '../app-deps.js'

/** GET /healthz (the process answers) and GET /readyz (the database answers and its schema is current). */
export function healthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'Liveness: the process answers' } }, async () => ({ status: 'ok' }))

  app.get('/readyz', { schema: { tags: ['operations'], summary: 'Readiness: the database answers and migrations are current (503 otherwise)' } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(deps.db)
      if (!(await isSchemaCurrent(deps.db))) {
        return reply.status(503).send({ status: 'unavailable', database: 'ok', migrations: 'pending' })
      }
      return { status: 'ok', database: 'ok', migrations: 'current' }
    } catch (err: unknown) {
      request.log.error({ err }, 'readiness check failed')
      return reply.status(503).send({ status: 'unavailable', database: 'unreachable' })
    }
  })
}
