import { coerceError } from '../errors.js'
import { FetchError } from './errors.js'
import { BlockedAddressError } from './guarded-lookup.js'

/** Which of the two signals ended a fetch early, if either did. */
export type AbortCause = 'deadline' | 'caller' | null

/** What toFetchError needs to know besides the error. */
export interface FailureContext {
  /** The hop being fetched when it failed. */
  readonly url: string
  readonly timeoutMs: number
  readonly aborted: AbortCause
}

// undici's own connect/headers/body timers are set no longer than the deadline, so they mean the same.
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
])
// getaddrinfo failures as dns.lookup reports them.
const DNS_CODE = /^(?:ENOTFOUND|ENODATA|ESERVFAIL|EAI_[A-Z]+)$/
// Node's own TLS errors, OpenSSL errors, and X509 verification failures (CERT_HAS_EXPIRED,
// DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_VERIFY_LEAF_SIGNATURE…); EPROTO is a TLS handshake failure.
const TLS_CODE = /^(?:ERR_TLS_|ERR_SSL_|EPROTO$)|CERT|UNABLE_TO_(?:GET|VERIFY|DECRYPT)/
// zlib (Z_DATA_ERROR…) and brotli (ERR__ERROR_FORMAT_…) decoding failures.
const DECODE_CODE = /^(?:Z_|ERR__|ERR_BROTLI)/

/** Returns the FetchError classifying anything a fetch attempt threw (a FetchError passes unchanged). Never throws. */
export function toFetchError(thrown: unknown, context: FailureContext): FetchError {
  if (thrown instanceof FetchError) return thrown
  const { url, timeoutMs, aborted } = context
  const cause = coerceError(thrown)
  // Once a signal fired, whatever undici or a stream threw afterwards is a consequence of it.
  if (aborted === 'deadline') {
    return new FetchError('fetch_timeout', `fetch: timed out after ${timeoutMs} ms fetching ${url}`, { url, cause })
  }
  // Cancelled by us (e.g. shutdown), not a fault of the feed: refresh/ must not count it against it.
  if (aborted === 'caller') {
    return new FetchError('fetch_aborted', `fetch: aborted by the caller while fetching ${url}`, { url, cause })
  }
  const chain = causeChain(cause)
  const blocked = chain.find((error) => error instanceof BlockedAddressError)
  if (blocked !== undefined) {
    return new FetchError('fetch_blocked_address', `fetch: refusing to connect to ${url}: ${blocked.message}`, {
      url,
      cause,
    })
  }
  const code = chain.map(errorCode).find((candidate) => candidate !== null) ?? null
  if (code !== null && TIMEOUT_CODES.has(code)) {
    return new FetchError('fetch_timeout', `fetch: timed out (${code}) fetching ${url}`, { url, cause })
  }
  if (code !== null && DNS_CODE.test(code)) {
    return new FetchError('fetch_dns', `fetch: cannot resolve ${new URL(url).hostname} (${code}) for ${url}`, {
      url,
      cause,
    })
  }
  if (code !== null && TLS_CODE.test(code)) {
    return new FetchError('fetch_tls', `fetch: tls failure (${code}) for ${url}`, { url, cause })
  }
  if (code !== null && DECODE_CODE.test(code)) {
    return new FetchError('fetch_bad_encoding', `fetch: cannot decode the body of ${url} (${code})`, { url, cause })
  }
  return new FetchError('fetch_connection', `fetch: connection failed for ${url} (${code ?? cause.message})`, {
    url,
    cause,
  })
}

// The error itself, its `cause` chain, and the attempts inside an AggregateError (Node's
// happy-eyeballs connect reports one per address tried), breadth-first.
function causeChain(error: Error): Error[] {
  const chain: Error[] = []
  const queue: unknown[] = [error]
  while (queue.length > 0 && chain.length < 16) {
    const next = queue.shift()
    if (!(next instanceof Error) || chain.includes(next)) continue
    chain.push(next)
    queue.push(next.cause)
    if (next instanceof AggregateError) queue.push(...(next.errors as unknown[]))
  }
  return chain
}

function errorCode(error: Error): string | null {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : null
}
