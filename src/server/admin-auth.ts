import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { ForbiddenError, UnauthorizedError } from './errors.js'

/**
 * Returns an onRequest hook that admits only `Authorization: Bearer <token>`. Digests are compared in
 * constant time so the token cannot be guessed byte by byte; with no token configured, writes are off.
 * onRequest runs before the body is read and validated, so an unauthenticated caller learns nothing
 * about the body schema and cannot make us parse a large body.
 */
export function requireAdmin(token: string | null): (request: FastifyRequest) => Promise<void> {
  const expected = token === null ? null : digest(token)
  return async (request) => {
    if (expected === null) throw new ForbiddenError('the write API is off: set TRIBUTARY_ADMIN_TOKEN to enable it')
    // Linear (`\s+(.+)` could split a run of spaces n ways). The token is trimmed below and the
    // configured one is never blank, so an all-space value is refused as before.
    const match = /^Bearer\s+(\S.*)$/i.exec(request.headers.authorization ?? '')
    if (match === null || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      throw new UnauthorizedError('a valid "Authorization: Bearer <token>" header is required')
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
