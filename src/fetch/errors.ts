import { AppError } from '../errors.js'

/** The closed set of ways a fetch can fail; `refresh/` stores the code on the feed row. */
export type FetchErrorCode =
  | 'fetch_invalid_url'
  | 'fetch_blocked_address'
  | 'fetch_timeout'
  // The caller's signal (e.g. shutdown) cancelled the fetch: not the feed's fault.
  | 'fetch_aborted'
  | 'fetch_dns'
  | 'fetch_connection'
  | 'fetch_tls'
  | 'fetch_too_many_redirects'
  | 'fetch_redirect_loop'
  | 'fetch_client_error'
  | 'fetch_gone'
  | 'fetch_rate_limited'
  | 'fetch_server_error'
  | 'fetch_too_large'
  // A corrupt compressed body, or a Content-Encoding we did not offer.
  | 'fetch_bad_encoding'
  | 'fetch_empty_body'

/** Details a FetchError carries besides its code and message. */
export interface FetchErrorDetails {
  /** URL of the hop that failed (after redirects), or the input as given when it was not a URL. */
  readonly url: string
  readonly httpStatus?: number | null
  readonly retryAt?: Date | null
  readonly cause?: unknown
}

/** Every failure of `fetchFeed`: a code from a closed set, the failing URL, and the HTTP status if one arrived. */
export class FetchError extends AppError {
  declare readonly code: FetchErrorCode
  readonly url: string
  readonly httpStatus: number | null
  /** From Retry-After (RFC 9110 §10.2.3), e.g. on 429 or 503; null when absent or unparseable. */
  readonly retryAt: Date | null

  constructor(code: FetchErrorCode, message: string, details: FetchErrorDetails) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause })
    this.url = details.url
    this.httpStatus = details.httpStatus ?? null
    this.retryAt = details.retryAt ?? null
  }
}
