import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { ForbiddenError, UnauthorizedError } from './errors.js'

/**
 * Returns a preHandler that admits only `Authorization: Bearer <token>`. Digests are compared in
 * constant time so the token cannot be guessed byte by byte; with no token configured, writes are off.
 */
export function requireAdmin(token: string | null): (request: FastifyRequest) => Promise<void> {
  const expected = token === null ? null : digest(token)
  return async (request) => {
    if (expected === null) throw new ForbiddenError('the write API is off: set TRIBUTARY_ADMIN_TOKEN to enable it')
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')
    if (match === null || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      throw new UnauthorizedError('a valid "Authorization: Bearer <token>" header is required')
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
