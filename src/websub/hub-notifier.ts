import { setTimeout as sleep } from 'node:timers/promises'
import { AppError, coerceError } from '../errors.js'
import { redactUrl } from '../fetch/index.js'
import type { Logger } from '../log/index.js'

const DEFAULT_RETRIES = 2
const DEFAULT_BACKOFF_MS = 1_000
const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_CLOSE_TIMEOUT_MS = 10_000
// A hub asking for a longer pause than this is not waited on for longer; the ping is not worth it.
const MAX_RETRY_AFTER_MS = 60_000

/** How a HubNotifier reaches its hub. */
export interface HubNotifierOptions {
  /** The hub's endpoint; userinfo (https://user:pass@hub/) is sent as Basic auth and never logged. */
  readonly hubUrl: string
  /** Logger for outcomes; the notifier adds hub_url and topic_url. */
  readonly log: Logger
  readonly userAgent: string
  /** Retries after the first attempt, on network errors, timeouts, 429 and 5xx; default 2 (3 attempts). */
  readonly retries?: number
  /** Delay before the first retry, doubled for each later one, plus up to 10% jitter; default 1000. */
  readonly backoffMs?: number
  /** Deadline of one POST, connection and response headers included; default 10000. */
  readonly timeoutMs?: number
  /** Wait this long before sending a batch, so that every server answers the hub's fetch with the new content; default 0. */
  readonly delayMs?: number
}

type Attempt =
  | { readonly outcome: 'ok'; readonly status: number }
  | { readonly outcome: 'rejected'; readonly status: number }
  | {
      readonly outcome: 'retry'
      readonly status: number | null
      readonly retryAfterMs: number | null
      readonly err?: Error
    }

/**
 * Tells a WebSub hub that topics (our published feeds) changed, so it fetches and distributes them.
 * WebSub (W3C Rec, §6) leaves the publish request to each hub; this sends the form most hubs accept:
 * POST hub.mode=publish&hub.url=<topic>, one topic per request since not every hub takes several.
 * Topics notified while a batch runs are merged into the next one, so each is pinged once per batch.
 */
export class HubNotifier {
  readonly #endpoint: URL
  readonly #headers: Readonly<Record<string, string>>
  readonly #log: Logger
  readonly #retries: number
  readonly #backoffMs: number
  readonly #timeoutMs: number
  readonly #delayMs: number
  readonly #shutdown = new AbortController()
  /** Aborted by close(): a batch waiting out its delay goes at once. */
  readonly #flush = new AbortController()
  #pending = new Set<string>()
  #running: Promise<void> | null = null
  #closed = false

  /** Throws AppError websub_invalid_hub_url when `hubUrl` is not an http(s) URL. */
  constructor(options: HubNotifierOptions) {
    const hub = URL.canParse(options.hubUrl) ? new URL(options.hubUrl) : null
    if (hub === null || (hub.protocol !== 'http:' && hub.protocol !== 'https:')) {
      const shown = JSON.stringify(redactUrl(options.hubUrl))
      throw new AppError('websub_invalid_hub_url', `websub: invalid hub url ${shown}`)
    }
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': options.userAgent }
    // Node's fetch refuses a URL with userinfo (Fetch standard), so it travels as Basic auth (RFC 7617).
    const hasCredentials = hub.username !== '' || hub.password !== ''
    this.#headers = hasCredentials ? { ...headers, authorization: basicAuth(hub.username, hub.password) } : headers
    hub.username = ''
    hub.password = ''
    this.#endpoint = hub
    this.#log = options.log.child({ hub_url: hub.href })
    this.#retries = options.retries ?? DEFAULT_RETRIES
    this.#backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#delayMs = options.delayMs ?? 0
  }

  /** Queues a publish ping for each topic URL and returns at once; outcomes are only logged. Never throws. */
  notify(topicUrls: Iterable<string>): void {
    try {
      if (this.#closed) {
        this.#log.warn({ topic_urls: [...topicUrls].map(redactUrl) }, 'websub notify after close ignored')
        return
      }
      for (const topic of topicUrls) this.#pending.add(topic)
    } catch (err: unknown) {
      this.#log.error({ err: coerceError(err) }, 'websub notify failed')
    }
    if (this.#running === null && this.#pending.size > 0) this.#running = this.#drain()
  }

  /**
   * Resolves once queued and in-flight pings are done, or after `timeoutMs`, when the rest are
   * aborted and logged as failed. Later notify() calls are ignored. Never throws.
   */
  async close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS): Promise<void> {
    this.#closed = true
    this.#flush.abort()
    if (this.#running === null) return
    const deadline = setTimeout(() => this.#shutdown.abort(new Error('websub: notifier closed')), timeoutMs)
    try {
      await this.#running
    } finally {
      clearTimeout(deadline)
    }
  }

  async #drain(): Promise<void> {
    // At least one macrotask of delay lets a synchronous burst of notify() calls share the first batch.
    await new Promise((resolve) => setImmediate(resolve))
    while (this.#pending.size > 0) {
      // The batch is taken before the delay: a topic notified during it waits a whole delay of its own.
      const batch = [...this.#pending]
      this.#pending = new Set()
      if (this.#delayMs > 0) await sleep(this.#delayMs, undefined, { signal: this.#flush.signal }).catch(() => undefined)
      await Promise.allSettled(batch.map((topic) => this.#ping(topic)))
    }
    this.#running = null
  }

  async #ping(topic: string): Promise<void> {
    const log = this.#log.child({ topic_url: redactUrl(topic) })
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.#post(topic)
      if (result.outcome === 'ok') {
        log.info({ http_status: result.status, attempts: attempt }, 'websub hub notified')
        return
      }
      if (result.outcome === 'rejected') {
        // Retrying a 4xx would get the same answer: the hub URL or its credentials are wrong.
        log.error({ http_status: result.status, attempts: attempt }, 'websub hub rejected publish ping')
        return
      }
      const failure = { http_status: result.status, attempts: attempt, err: result.err }
      if (attempt > this.#retries || this.#shutdown.signal.aborted) {
        log.warn(failure, 'websub hub notification failed')
        return
      }
      const backoffMs = this.#backoffMs * 2 ** (attempt - 1) * (1 + Math.random() * 0.1)
      const delayMs = result.retryAfterMs ?? backoffMs
      log.debug({ ...failure, delay_ms: Math.round(delayMs) }, 'websub ping failed, retrying')
      try {
        await sleep(delayMs, undefined, { signal: this.#shutdown.signal })
      } catch {
        log.warn(failure, 'websub hub notification failed')
        return
      }
    }
  }

  async #post(topic: string): Promise<Attempt> {
    try {
      const response = await fetch(this.#endpoint, {
        method: 'POST',
        headers: this.#headers,
        body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
        // Following a 301/302 would turn the POST into a GET; a moved hub is a config error.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.#timeoutMs), this.#shutdown.signal]),
      })
      // Hub bodies are only informative; cancelling frees the connection without reading them.
      await response.body?.cancel().catch(() => undefined)
      const { status } = response
      if (status >= 200 && status <= 299) return { outcome: 'ok', status }
      if (status !== 429 && status < 500) return { outcome: 'rejected', status }
      return { outcome: 'retry', status, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) }
    } catch (err: unknown) {
      return { outcome: 'retry', status: null, retryAfterMs: null, err: coerceError(err) }
    }
  }
}

// Only the delta-seconds form (RFC 9110 §10.2.3); an HTTP-date falls back to the backoff.
function retryAfterMs(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null
  return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS)
}

// The URL keeps userinfo percent-encoded; a stray '%' that cannot be decoded is sent as it is.
function basicAuth(username: string, password: string): string {
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part)
    } catch {
      return part
    }
  }
  return `Basic ${Buffer.from(`${decode(username)}:${decode(password)}`).toString('base64')}`
}
