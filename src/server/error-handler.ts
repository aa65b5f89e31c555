import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'
import { statusForCode } from './errors.js'

/** Maps every error to SPEC's `{ error: { code, message } }`; a 5xx says only "Internal Server Error" and logs the rest. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = err instanceof AppError ? statusForCode(err.code) : null
  if (status !== null) {
    void reply.status(status).send({ error: { code: err.code, message: err.message } })
    return
  }
  if (err.validation !== undefined) {
    void reply.status(400).send({ error: { code: 'bad_request', message: `${err.validationContext ?? 'request'} ${err.validation[0]?.instancePath ?? ''} ${err.validation[0]?.message ?? err.message}`.replace(/\s+/g, ' ') } })
    return
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    void reply.status(err.statusCode).send({ error: { code: 'bad_request', message: err.message } })
    return
  }
  request.log.error({ err }, 'request failed')
  void reply.status(500).send({ error: { code: 'internal_error', message: 'Internal Server Error' } })
}

/** The 404 for routes that don't exist, in the same shape. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } })
}
