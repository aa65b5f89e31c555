import type { FastifyInstance } from 'fastify'
import { exportOpml, renderIndexPage } from '../../present/index.js'
import { listCollections, listFeedStatuses } from '../../store/index.js'
import type { AppDeps } from '../app-deps.js'

/** GET / (collections with subscribe links, feed health) and GET /opml (the subscriptions). */
export function pageRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/', async (_request, reply) => {
    const [collections, feeds] = await Promise.all([listCollections(deps.db), listFeedStatuses(deps.db)])
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderIndexPage({ publicUrl: deps.config.publicUrl, collections, feeds }))
  })

  app.get('/opml', async (_request, reply) =>
    reply.header('content-type', 'text/x-opml; charset=utf-8').send(await exportOpml(deps.db, { now: new Date() })))
}
