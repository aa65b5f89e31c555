import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** Handles one request to a registered path; it may be async, and a rejection destroys the response. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void

/** A request as the server saw it, for asserting what a client sent. */
export interface RecordedRequest {
  readonly method: string
  /** Path and query, as on the request line. */
  readonly url: string
  readonly headers: IncomingHttpHeaders
}

/** A real HTTP server on 127.0.0.1 with routes registered by tests. */
export interface FixtureServer {
  readonly port: number
  /** Absolute http://127.0.0.1:port URL for a path ('/feed.xml'). */
  url(path: string): string
  /** Serves `path` (matched without its query) with `handler`, replacing any earlier route. */
  route(path: string, handler: RouteHandler): void
  /** Serves a file's bytes at `path` with status 200 and the given headers (e.g. content-type). */
  file(path: string, filePath: string, headers?: Readonly<Record<string, string>>): void
  /** Every request received so far, oldest first. */
  readonly requests: readonly RecordedRequest[]
  /** How many TCP connections were ever accepted. */
  connectionCount(): number
  /** How many accepted TCP connections are still open. */
  openConnectionCount(): number
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>
}

/** Returns a started fixture server on 127.0.0.1 and a free port; unknown paths get 404. Throws if it cannot listen. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, RouteHandler>()
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  let accepted = 0

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    const path = new URL(req.url ?? '/', 'http://fixture.invalid').pathname
    const handler = routes.get(path)
    if (handler === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    const outcome: unknown = handler(req, res)
    if (outcome instanceof Promise) {
      outcome.catch((err: unknown) => {
        // A failing handler must fail its test loudly, not leave the client waiting.
        res.destroy(err instanceof Error ? err : new Error(String(err)))
      })
    }
  })
  server.on('connection', (socket) => {
    accepted += 1
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    port,
    requests,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => {
      routes.set(path, handler)
    },
    file: (path, filePath, headers = {}) => {
      routes.set(path, async (_req, res) => {
        const bytes = await readFile(filePath)
        res.writeHead(200, { 'content-length': bytes.length, ...headers }).end(bytes)
      })
    },
    connectionCount: () => accepted,
    openConnectionCount: () => sockets.size,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err === undefined ? resolve() : reject(err)))
        for (const socket of sockets) socket.destroy()
      }),
  }
}
