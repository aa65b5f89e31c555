import { AppError } from '../errors.js'

/** The request carries no valid admin token. */
export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super('unauthorized', message)
  }
}

/** The request is understood but not allowed (the write API is off). */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', message)
  }
}

/** HTTP status for each error code the API returns; anything else is a 500. */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  opml_invalid: 400,
}
