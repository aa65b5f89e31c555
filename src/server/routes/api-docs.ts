import type { FastifyInstance } from 'fastify'
import type { OpenAPIV3 } from 'openapi-types'
import { renderApiDocsPage } from '../../present/index.js'

/** GET /openapi.json (the OpenAPI 3 document built from the route schemas) and GET /docs (the same, readable). */
export function apiDocsRoutes(app: FastifyInstance, openapi: () => unknown): void {
  app.get('/openapi.json', { schema: { hide: true } }, async () => openapi())
  app.get('/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/html; charset=utf-8').send(renderApiDocsPage(openapi() as OpenAPIV3.Document)))
}
