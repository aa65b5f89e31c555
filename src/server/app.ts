import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from '../log/index.js'
import type { AppDeps } from './app-deps.js'
import { errorHandler, notFoundHandler } from './error-handler.js'
import { collectionRoutes } from './routes/collections.js'
import { feedRoutes } from './routes/feeds.js'
import { healthRoutes } from './routes/health.js'
import { itemRoutes } from './routes/items.js'
import { pageRoutes } from './routes/pages.js'
import { publishedFeedRoutes } from './routes/published-feeds.js'

/** Builds the HTTP app with every route registered (no listen); the whole route table is below. */
export function buildApp(deps: AppDeps, log: Logger): FastifyInstance {
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, disableRequestLogging: true, ignoreTrailingSlash: true })
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  pageRoutes(app, deps)
  publishedFeedRoutes(app, deps)
  itemRoutes(app, deps)
  feedRoutes(app, deps)
  collectionRoutes(app, deps)
  healthRoutes(app, deps)
  return app
}
