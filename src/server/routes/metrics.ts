import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../app-deps.js'

/** Records every request into the metrics, and serves them at GET /metrics in Prometheus text format. */
export function metricsRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, so ids and cursors do not explode the label set.
    const route = request.routeOptions.url ?? 'unmatched'
    deps.metrics.httpRequestFinished(route, request.method, reply.statusCode, reply.elapsedTime / 1000)
  })

  app.get('/metrics', { schema: { summary: 'Prometheus metrics of this process', tags: ['operations'] } }, async (_request, reply) =>
    reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()))
}
