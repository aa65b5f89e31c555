import type { FastifyRequest } from 'fastify'
import { InputError } from '../errors.js'
import { findUnstorableInput } from '../input/index.js'

const MAX_PATH_CHARS = 100

/**
 * A hook for every route: throws InputError (400) when the path parameters, query string or JSON
 * body hold text PostgreSQL refuses (a NUL, an unpaired surrogate) or a number that is not finite, so
 * no route has to check and none answers 500 for it. app.ts runs it twice: at preValidation, on what
 * the client sent (after onRequest, where the admin check is), and at preHandler, on what schema
 * validation coerced that into, since ajv turns "1e309" into an Infinity that passes `maximum`. The
 * message names the place the way validation messages do ("querystring /q …").
 */
export async function rejectUnstorableInput(request: FastifyRequest): Promise<void> {
  const parts = [['params', request.params], ['querystring', request.query], ['body', request.body]] as const
  for (const [where, value] of parts) {
    const found = findUnstorableInput(value)
    if (found === null) continue
    // A path into a deeply nested body can be as long as the body; its start says enough.
    const path = found.path.length > MAX_PATH_CHARS ? `${found.path.slice(0, MAX_PATH_CHARS)}…` : found.path
    throw new InputError([where, path, found.problem].filter((part) => part !== '').join(' '))
  }
}
