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

/** HTTP status for each error code the API returns; see statusForCode for the families. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  opml_invalid: 400,
  // The fetch was cancelled because the server is shutting down: nothing is wrong with the URL.
  fetch_aborted: 503,
}

// A URL given to subscribe that cannot be fetched (blocked address, DNS, upstream 404, timeout) or
// is not a feed: the request was well-formed but names something we cannot use (RFC 9110 §15.5.21).
const UNPROCESSABLE_PREFIXES = ['fetch_', 'parse_']

/** Returns the HTTP status for an AppError code: listed in STATUS_BY_CODE, else 422 for the fetch and parse families, else null (a 500). */
export function statusForCode(code: string): number | null {
  return STATUS_BY_CODE[code] ?? (UNPROCESSABLE_PREFIXES.some((prefix) => code.startsWith(prefix)) ? 422 : null)
}
