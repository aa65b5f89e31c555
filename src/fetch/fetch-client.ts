import { isIP } from 'node:net'
import { Agent } from 'undici'
import type { Dispatcher } from 'undici'
import type { FetchRequest, FetchResult, Redirect } from '../model/index.js'
import { FetchError } from './errors.js'
import { createGuardedLookup } from './guarded-lookup.js'
import { headerList, headerValue } from './header-value.js'
import { isPublicAddress } from './is-public-address.js'
import { parseCacheHints } from './parse-cache-hints.js'
import { readBody } from './read-body.js'
import { redactUrl } from './redact-url.js'
import { splitCredentials } from './split-credentials.js'
import type { SplitUrl } from './split-credentials.js'
import { toFetchError } from './to-fetch-error.js'
import type { AbortCause } from './to-fetch-error.js'

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8'
const ACCEPT_ENCODING = 'gzip, br, deflate'
// 300 (no single target) and 305/306 (obsolete) are not followed (RFC 9110 §15.4).
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
// How much of a redirect or 304 body to read so the connection can be reused; past this the
// socket is simply closed.
const DRAIN_LIMIT_BYTES = 64 * 1024

/** How one fetch behaves; the caller (config) supplies every value, there are no defaults here. */
export interface FetchOptions {
  /** Deadline for the whole fetch: DNS, connect, TLS, headers and body, across every redirect hop. */
  readonly timeoutMs: number
  /** Deadline for one TCP+TLS connection; at most `timeoutMs`, which it defaults to. */
  readonly connectTimeoutMs?: number
  /** Deadline from sending a request to its response headers; at most `timeoutMs`, which it defaults to. */
  readonly headersTimeoutMs?: number
  /** Cap on the body after decompression; enforced while streaming. */
  readonly maxBytes: number
  /** Turns off the guard against loopback, private, link-local and other non-public addresses. */
  readonly allowPrivateNetworks: boolean
  readonly userAgent: string
  readonly maxRedirects: number
  /** Cancels the fetch early (e.g. on shutdown); it then fails with fetch_aborted. */
  readonly signal?: AbortSignal
}

/** The options a FetchClient fixes for all its fetches: FetchOptions without the per-call signal. */
export type FetchClientOptions = Omit<FetchOptions, 'signal'>

/** Options of a single FetchClient.fetchFeed call. */
export interface FetchCallOptions {
  readonly signal?: AbortSignal
}

/**
 * Fetches feeds over one shared undici connection pool. Create it once (e.g. when the refresh stage
 * starts), reuse it for every feed so keep-alive connections are shared, and `close()` it on shutdown.
 * The options are fixed per client because the address guard and undici's connect, headers and body
 * timeouts belong to the pool, not to a request.
 */
export class FetchClient {
  readonly #options: FetchClientOptions
  readonly #agent: Agent

  constructor(options: FetchClientOptions) {
    this.#options = Object.freeze({ ...options })
    const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? options.timeoutMs, options.timeoutMs)
    this.#agent = new Agent({
      // The guard sits in the pool's own DNS step so it judges the address actually connected to.
      connect: options.allowPrivateNetworks
        ? { timeout: connectTimeoutMs }
        : { timeout: connectTimeoutMs, lookup: createGuardedLookup() },
      // undici's per-phase timers never outlast the deadline; the deadline itself is enforced below.
      headersTimeout: Math.min(options.headersTimeoutMs ?? options.timeoutMs, options.timeoutMs),
      bodyTimeout: options.timeoutMs,
    })
  }

  /**
   * Returns the feed at `request.url` as ok or not-modified; throws FetchError for every failure.
   * Credentials in the URL are sent as Basic auth to its origin only, and appear in no result or error.
   */
  async fetchFeed(request: FetchRequest, { signal }: FetchCallOptions = {}): Promise<FetchResult> {
    const { timeoutMs, maxRedirects } = this.#options
    const controller = new AbortController()
    let aborted: AbortCause = null
    const abort = (cause: Exclude<AbortCause, null>, reason: unknown): void => {
      if (aborted !== null) return
      aborted = cause
      controller.abort(reason)
    }
    const timer = setTimeout(
      () => abort('deadline', new Error(`fetch deadline of ${timeoutMs} ms passed`)),
      timeoutMs,
    )
    const onCallerAbort = (): void => abort('caller', signal?.reason)
    if (signal?.aborted === true) onCallerAbort()
    else signal?.addEventListener('abort', onCallerAbort, { once: true })

    let current = redactUrl(request.url)
    try {
      const { url: start, authorization } = this.#checkUrl(request.url)
      let url = start
      const redirects: Redirect[] = []
      const seen = new Set([withoutFragment(url)])
      for (;;) {
        current = url.href
        // Credentials go only to the origin the user named; see #checkUrl.
        const credentials = url.origin === start.origin ? authorization : null
        const { statusCode: status, headers, body } = await this.#send(url, request, credentials, controller.signal)
        if (REDIRECT_STATUSES.has(status)) {
          await drain(body, controller.signal)
          const next = this.#redirectTarget(url, status, headerValue(headers, 'location'))
          if (seen.has(withoutFragment(next))) {
            throw new FetchError('fetch_redirect_loop', `fetch: redirect loop from ${url.href} back to ${next.href}`, {
              url: url.href,
              httpStatus: status,
            })
          }
          if (redirects.length >= maxRedirects) {
            throw new FetchError(
              'fetch_too_many_redirects',
              `fetch: more than ${maxRedirects} redirects starting at ${start.href}`,
              { url: url.href, httpStatus: status },
            )
          }
          redirects.push({ from: url.href, to: next.href, status })
          seen.add(withoutFragment(next))
          url = next
          continue
        }

        const cache = parseCacheHints(headers, new Date())
        if (status === 304) {
          await drain(body, controller.signal)
          // A 304 may carry updated validators, which replace the stored ones (RFC 9111 §4.3.4).
          return {
            status: 'not-modified',
            finalUrl: url.href,
            etag: headerValue(headers, 'etag'),
            lastModified: headerValue(headers, 'last-modified'),
            redirects,
            cache,
          }
        }
        // An error page is not worth waiting for: throwing leaves its body unread, and the catch
        // below destroys it with its connection.
        if (status < 200 || status > 299) throw statusError(status, url.href, cache.retryAt)
        const declaredLength = headerValue(headers, 'content-length')
        const content = await readBody(body, {
          contentEncoding: headerList(headers, 'content-encoding'),
          contentLength: declaredLength === null ? null : Number(declaredLength),
          maxBytes: this.#options.maxBytes,
          url: url.href,
        })
        if (content.length === 0) {
          throw new FetchError('fetch_empty_body', `fetch: empty body with status ${status} from ${url.href}`, {
            url: url.href,
            httpStatus: status,
          })
        }
        return {
          status: 'ok',
          finalUrl: url.href,
          httpStatus: status,
          body: content,
          contentType: headerValue(headers, 'content-type'),
          etag: headerValue(headers, 'etag'),
          lastModified: headerValue(headers, 'last-modified'),
          redirects,
          cache,
        }
      }
    } catch (err: unknown) {
      const failure = toFetchError(err, { url: current, timeoutMs, aborted })
      // Destroys any response body left unread on the way out (too large, bad status, bad redirect),
      // so its socket is closed instead of staying busy in the pool.
      controller.abort(failure)
      throw failure
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onCallerAbort)
    }
  }

  /** Returns once every pooled connection is closed; fetches still running fail. Never throws. */
  async close(): Promise<void> {
    await this.#agent.destroy()
  }

  async #send(
    url: URL,
    request: FetchRequest,
    authorization: string | null,
    signal: AbortSignal,
  ): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = {
      'user-agent': this.#options.userAgent,
      accept: ACCEPT,
      'accept-encoding': ACCEPT_ENCODING,
    }
    // The validators are sent on every hop, not only the first: they describe the feed at the end
    // of the chain, where the last 200 came from, so a redirected feed can still get its 304
    // (RFC 9110 §13.1). Each is sent on its own; a server may support only one (RFC 9110 §13.2.2).
    if (request.etag !== null) headers['if-none-match'] = request.etag
    if (request.lastModified !== null) headers['if-modified-since'] = request.lastModified
    if (authorization !== null) headers.authorization = authorization
    const options = { origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET' as const, headers, signal }
    try {
      return await this.#agent.request(options)
    } catch (err: unknown) {
      // A pooled keep-alive socket that the server closed just as we reused it. A GET is idempotent,
      // so one retry on a fresh connection is safe (RFC 9110 §9.2.2) and spares the feed a false error.
      if (signal.aborted || !isStaleSocketError(err)) throw err
      return this.#agent.request(options)
    }
  }

  /**
   * Credentials in a URL (https://user:pass@host/feed, as private feeds use; Miniflux supports
   * them too) are split off before anything else sees the URL, so they never reach finalUrl, the
   * redirect chain or an error message, which all end up in logs and the database. fetchFeed sends
   * them as Basic auth (RFC 7617) only to the origin the user named: like curl without
   * --location-trusted, and the Fetch standard, which drops Authorization on a cross-origin
   * redirect, it never hands them to another host, nor over http after a redirect from https.
   * Credentials in a redirect's Location are dropped unused: only the user's are trusted.
   */
  #checkUrl(input: string, base?: URL): SplitUrl {
    if (!URL.canParse(input, base?.href)) {
      const where = base === undefined ? '' : ` (redirect from ${base.href})`
      // No cause: Node's invalid-URL error carries the raw input, credentials and all.
      throw new FetchError('fetch_invalid_url', `fetch: invalid url ${JSON.stringify(redactUrl(input))}${where}`, {
        url: base?.href ?? redactUrl(input),
      })
    }
    const split = splitCredentials(new URL(input, base?.href))
    const { url } = split
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError('fetch_invalid_url', `fetch: unsupported scheme ${url.protocol} in ${redactUrl(url.href)}`, {
        url: redactUrl(url.href),
      })
    }
    // A literal IP never goes through DNS, so the guarded lookup would not see it; judge it here.
    // WHATWG URL parsing has already normalized 2130706433, 0x7f.1 and [::ffff:127.0.0.1].
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    if (!this.#options.allowPrivateNetworks && isIP(host) !== 0 && !isPublicAddress(host)) {
      const message = `fetch: refusing to connect to blocked address ${host} in ${url.href}`
      throw new FetchError('fetch_blocked_address', message, { url: url.href })
    }
    return split
  }

  #redirectTarget(from: URL, status: number, location: string | null): URL {
    if (location === null) {
      throw new FetchError('fetch_server_error', `fetch: redirect ${status} without location from ${from.href}`, {
        url: from.href,
        httpStatus: status,
      })
    }
    // A relative Location is resolved against the URL that answered (RFC 9110 §10.2.2).
    const { url: next } = this.#checkUrl(location, from)
    // …and a Location without a fragment inherits the request's (RFC 9110 §10.2.2).
    if (next.hash === '') next.hash = from.hash
    return next
  }
}

// The fragment never reaches the server, so two URLs differing only by it are the same request.
function withoutFragment(url: URL): string {
  return url.href.slice(0, url.href.length - url.hash.length)
}

// Reads (and discards) a small body so the connection can be reused. Its failure changes nothing:
// the outcome is already decided by the status, and dump() destroys the body itself when it gives up.
async function drain(body: Dispatcher.ResponseData['body'], signal: AbortSignal): Promise<void> {
  await body.dump({ limit: DRAIN_LIMIT_BYTES, signal }).catch(() => undefined)
}

function statusError(status: number, url: string, retryAt: Date | null): FetchError {
  const details = { url, httpStatus: status, retryAt }
  if (status === 410) return new FetchError('fetch_gone', `fetch: feed gone (410) at ${url}`, details)
  if (status === 429) return new FetchError('fetch_rate_limited', `fetch: rate limited (429) by ${url}`, details)
  const code = status >= 400 && status <= 499 ? 'fetch_client_error' : 'fetch_server_error'
  return new FetchError(code, `fetch: unexpected status ${status} from ${url}`, details)
}

const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])

function isStaleSocketError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code
  const causeCode = ((err as { cause?: { code?: unknown } }).cause)?.code
  return STALE_SOCKET_CODES.has(String(code)) || STALE_SOCKET_CODES.has(String(causeCode))
}
