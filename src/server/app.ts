import compress from '@fastify/compress'
import swagger from '@fastify/swagger'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from '../log/index.js'
import type { FeedCacheOptions } from '../present/index.js'
import type { AppDeps } from './app-deps.js'
import { errorHandler, notFoundHandler } from './error-handler.js'
import { rejectUnstorableInput } from './reject-unstorable-input.js'
import { apiDocsRoutes } from './routes/api-docs.js'
import { collectionRoutes } from './routes/collections.js'
import { feedRoutes } from './routes/feeds.js'
import { healthRoutes } from './routes/health.js'
import { itemRoutes } from './routes/items.js'
import { metricsRoutes } from './routes/metrics.js'
import { pageRoutes } from './routes/pages.js'
import { publishedFeedRoutes } from './routes/published-feeds.js'
import { SHARED_SCHEMAS } from './schemas/shapes.js'

/** How the app serves, where the defaults are not wanted (tests, benchmarks). */
export interface AppOptions {
  /** Freshness and size of the merged-feed cache (published-feeds.ts). */
  readonly feedCache?: FeedCacheOptions
}

/** Builds the HTTP app with every route registered (no listen); the whole route table is below. */
export function buildApp(deps: AppDeps, log: Logger, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // No line per request (a feed reader polls often); request counts and times are in /metrics.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own refusals (a path that is not valid percent-encoded UTF-8, a parameter over
    // maxParamLength) bypass setErrorHandler; this gives them SPEC's error shape too.
    frameworkErrors: errorHandler,
  })
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)
  // One check at the boundary for every route, before and after validation (see the hook); added
  // before the routes so that each inherits it.
  app.addHook('preValidation', rejectUnstorableInput)
  app.addHook('preHandler', rejectUnstorableInput)
  // gzip or br as the client asks (RFC 9110 §12.5.3). Merged feeds opt out: they are kept precompressed.
  void app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 })
  void app.register(swagger, {
    openapi: {
      info: { title: 'Tributary API', version: '0.1.0', description: 'Stored items, feeds and collections of a Tributary feed aggregator.' },
      servers: [{ url: deps.config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'TRIBUTARY_ADMIN_TOKEN' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  // Registered after swagger so that its onRoute hook sees every route.
  void app.register(async (routes) => {
    metricsRoutes(routes, deps)
    pageRoutes(routes, deps)
    publishedFeedRoutes(routes, deps, options.feedCache)
    itemRoutes(routes, deps)
    feedRoutes(routes, deps)
    collectionRoutes(routes, deps)
    healthRoutes(routes, deps)
    apiDocsRoutes(routes, () => app.swagger())
  })
  return app
}
