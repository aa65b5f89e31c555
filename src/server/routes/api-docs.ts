import type { FastifyInstance } from 'fastify'
import type { OpenAPIV3 } from 'openapi-types'
import { renderApiDocsPage } from '../../present/index.js'

// The page is static HTML with one inline stylesheet: no script, image, form or frame, whatever a
// summary or description in the document holds.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** GET /openapi.json (the OpenAPI 3 document built from the route schemas) and GET /docs (the same, readable). */
export function apiDocsRoutes(app: FastifyInstance, openapi: () => unknown): void {
  app.get('/openapi.json', { schema: { hide: true } }, async () => openapi())
  app.get('/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .send(renderApiDocsPage(openapi() as OpenAPIV3.Document)))
}
