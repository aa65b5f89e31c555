import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/index.js'
import { silentLogger } from '../../src/log/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { buildApp } from '../../src/server/index.js'

/** Builds the HTTP app for page tests: read-only, so subscribing (resolveFeed) is never called. */
export function buildUiApp(db: Kysely<Database>, publicUrl: string): FastifyInstance {
  return buildApp({
    db,
    config: { publicUrl, adminToken: null, feedMaxAgeSeconds: 300, websubHub: null, feedIconUrl: null },
    resolveFeed: async () => { throw new Error('ui tests never subscribe') },
    metrics: createMetrics({ queueLagSeconds: async () => 0 }),
  }, silentLogger())
}
