import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { CorpusFeed } from './feed-corpus.js'

/** One request as the server saw it. */
export interface ServedRequest {
  /** Absolute URL: the origin that accepted it plus the path (no query). */
  readonly url: string
  readonly origin: string
  /** Date.now() on arrival. */
  readonly at: number
  readonly ifNoneMatch: string | null
  /** The status answered; null while the request waits or hangs. */
  status: number | null
}

/** How the server answers. */
export interface FeedServerOptions {
  /** Loopback addresses to listen on, one server (and one origin) each: 127.0.0.1, 127.0.0.2, … */
  readonly addresses: readonly string[]
  /** How long every answer waits before it is sent. */
  readonly delayMs?: number
  /** Whether the nth request (from 1) for a feed URL is never answered; the client must give up. */
  readonly hangs?: (url: string, nth: number) => boolean
}

/** HTTP servers on several loopback addresses serving fixture feeds with ETags (a match gets 304). */
export interface FeedServer {
  /** `http://address:port`, in the order of the addresses. */
  readonly origins: readonly string[]
  /** Serves each feed's body at its URL. */
  publish(feeds: readonly CorpusFeed[]): void
  /** Every request so far, oldest first. */
  readonly requests: readonly ServedRequest[]
  /** Requests for one feed URL, oldest first. */
  requestsFor(url: string): readonly ServedRequest[]
  /** The most requests that were ever in flight at once on each origin. */
  maxInFlight(): ReadonlyMap<string, number>
  /** Resolves once `ready` holds, checked after every request; rejects after `timeoutMs`. */
  waitFor(ready: () => boolean, timeoutMs: number, what: string): Promise<void>
  /** Stops listening and destroys every open connection (hanging requests included). */
  close(): Promise<void>
}

/** Starts one server per address on a free port; throws if one cannot listen. */
export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const documents = new Map<string, { body: Buffer; contentType: string; etag: string }>()
  const requests: ServedRequest[] = []
  const byUrl = new Map<string, ServedRequest[]>()
  const inFlight = new Map<string, number>()
  const maxInFlight = new Map<string, number>()
  const waiters = new Set<() => void>()
  const sockets = new Set<Socket>()
  const servers: Server[] = []
  const origins: string[] = []

  const listen = async (address: string): Promise<void> => {
    let origin = ''
    const server = createServer((req, res) => {
      const url = `${origin}${new URL(req.url ?? '/', 'http://fixture.invalid').pathname}`
      const served: ServedRequest = { url, origin, at: Date.now(), ifNoneMatch: req.headers['if-none-match'] ?? null, status: null }
      requests.push(served)
      const history = byUrl.get(url) ?? []
      history.push(served)
      byUrl.set(url, history)
      const now = (inFlight.get(origin) ?? 0) + 1
      inFlight.set(origin, now)
      maxInFlight.set(origin, Math.max(now, maxInFlight.get(origin) ?? 0))
      res.once('close', () => inFlight.set(origin, (inFlight.get(origin) ?? 1) - 1))
      for (const wake of waiters) wake()
      if (options.hangs?.(url, history.length) === true) return
      const answer = (): void => {
        const document = documents.get(url)
        if (document === undefined) {
          served.status = 404
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        } else if (served.ifNoneMatch === document.etag) {
          served.status = 304
          res.writeHead(304, { etag: document.etag }).end()
        } else {
          served.status = 200
          res.writeHead(200, { 'content-type': document.contentType, 'content-length': document.body.length, etag: document.etag }).end(document.body)
        }
      }
      if (options.delayMs === undefined) answer()
      else setTimeout(answer, options.delayMs)
    })
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, address, () => resolve())
    })
    origin = `http://${address}:${(server.address() as AddressInfo).port}`
    servers.push(server)
    origins.push(origin)
  }
  for (const address of options.addresses) await listen(address)

  return {
    origins,
    requests,
    publish(feeds) {
      for (const feed of feeds) {
        const body = Buffer.from(feed.body)
        documents.set(feed.url, { body, contentType: feed.contentType, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` })
      }
    },
    requestsFor: (url) => byUrl.get(url) ?? [],
    maxInFlight: () => new Map(maxInFlight),
    waitFor(ready, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!ready()) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve()
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`feed server: gave up after ${timeoutMs} ms waiting for ${what}`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    async close() {
      const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))
      for (const socket of sockets) socket.destroy()
      await Promise.all(closed)
    },
  }
}
