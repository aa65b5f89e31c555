import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchClient, FetchError } from '../../src/fetch/index.js'
import type { FetchClientOptions } from '../../src/fetch/index.js'
import type { FetchRequest } from '../../src/model/index.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import type { FixtureServer } from '../helpers/fixture-server.js'

const OPTIONS: FetchClientOptions = {
  timeoutMs: 5000,
  maxBytes: 1_000_000,
  allowPrivateNetworks: true,
  userAgent: 'Tributary-test/1.0 (+https://example.org/tributary)',
  maxRedirects: 5,
}
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8'
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
const NO_HINTS = { maxAgeSeconds: null, expiresAt: null, retryAt: null }

let server: FixtureServer
let client: FetchClient

beforeAll(async () => {
  server = await startFixtureServer()
  client = new FetchClient(OPTIONS)
})

afterAll(async () => {
  await client.close()
  await server.close()
})

function feedRequest(url: string, validators: Partial<Pick<FetchRequest, 'etag' | 'lastModified'>> = {}): FetchRequest {
  return { url, etag: null, lastModified: null, ...validators }
}

async function fetchFailure(promise: Promise<unknown>): Promise<FetchError> {
  const outcome = await promise.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  )
  if (!('error' in outcome)) throw new Error(`expected a FetchError, got ${JSON.stringify(outcome.result)}`)
  expect(outcome.error).toBeInstanceOf(FetchError)
  return outcome.error as FetchError
}

function requestsTo(path: string): FixtureServer['requests'] {
  return server.requests.filter((request) => request.url === path)
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('FetchClient.fetchFeed: successful responses', () => {
  it('returns a 200 body with its validators, content type and cache hints', async () => {
    server.route('/ok.xml', (_req, res) => {
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml; charset=utf-8',
          etag: 'W/"v1"',
          'last-modified': 'Sat, 01 Mar 2025 10:00:00 GMT',
          'cache-control': 'public, max-age=300',
          expires: 'Sat, 01 Mar 2025 11:00:00 GMT',
        })
        .end(RSS)
    })
    const result = await client.fetchFeed(feedRequest(server.url('/ok.xml')))
    expect(result).toEqual({
      status: 'ok',
      finalUrl: server.url('/ok.xml'),
      httpStatus: 200,
      body: Buffer.from(RSS),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: 'W/"v1"',
      lastModified: 'Sat, 01 Mar 2025 10:00:00 GMT',
      redirects: [],
      cache: { maxAgeSeconds: 300, expiresAt: new Date('2025-03-01T11:00:00Z'), retryAt: null },
    })
  })

  it('sends User-Agent, Accept and Accept-Encoding, and no validators when it has none', async () => {
    server.route('/headers.xml', (_req, res) => res.end(RSS))
    await client.fetchFeed(feedRequest(server.url('/headers.xml')))
    const [sent] = requestsTo('/headers.xml')
    expect(sent?.method).toBe('GET')
    expect(sent?.headers['user-agent']).toBe(OPTIONS.userAgent)
    expect(sent?.headers.accept).toBe(ACCEPT)
    expect(sent?.headers['accept-encoding']).toBe('gzip, br, deflate')
    expect(sent?.headers['if-none-match']).toBeUndefined()
    expect(sent?.headers['if-modified-since']).toBeUndefined()
  })

  it.each([
    ['ETag only', { etag: '"abc"' }, '"abc"', undefined],
    ['Last-Modified only', { lastModified: 'Sat, 01 Mar 2025 10:00:00 GMT' }, undefined, 'Sat, 01 Mar 2025 10:00:00 GMT'],
    [
      'both validators',
      { etag: 'W/"xyz"', lastModified: 'Sat, 01 Mar 2025 10:00:00 GMT' },
      'W/"xyz"',
      'Sat, 01 Mar 2025 10:00:00 GMT',
    ],
  ] as const)('sends conditional headers from the validators: %s', async (name, validators, ifNoneMatch, ifModifiedSince) => {
    const path = `/conditional-${name.replaceAll(' ', '-')}.xml`
    server.route(path, (_req, res) => res.writeHead(304).end())
    await client.fetchFeed(feedRequest(server.url(path), validators))
    const [sent] = requestsTo(path)
    expect(sent?.headers['if-none-match']).toBe(ifNoneMatch)
    expect(sent?.headers['if-modified-since']).toBe(ifModifiedSince)
  })

  it('returns not-modified on 304 without new validators', async () => {
    server.route('/304.xml', (_req, res) => res.writeHead(304).end())
    const result = await client.fetchFeed(feedRequest(server.url('/304.xml'), { etag: '"v1"' }))
    expect(result).toEqual({
      status: 'not-modified',
      finalUrl: server.url('/304.xml'),
      etag: null,
      lastModified: null,
      redirects: [],
      cache: NO_HINTS,
    })
  })

  it('returns the new validators and cache hints a 304 carries (RFC 9111 §4.3.4)', async () => {
    server.route('/304-new.xml', (_req, res) =>
      res
        .writeHead(304, { etag: '"v2"', 'last-modified': 'Sun, 02 Mar 2025 10:00:00 GMT', 'cache-control': 'max-age=60' })
        .end(),
    )
    const result = await client.fetchFeed(feedRequest(server.url('/304-new.xml'), { etag: '"v1"' }))
    expect(result).toEqual({
      status: 'not-modified',
      finalUrl: server.url('/304-new.xml'),
      etag: '"v2"',
      lastModified: 'Sun, 02 Mar 2025 10:00:00 GMT',
      redirects: [],
      cache: { maxAgeSeconds: 60, expiresAt: null, retryAt: null },
    })
  })

  it('accepts another 2xx with a body', async () => {
    server.route('/203.xml', (_req, res) => res.writeHead(203).end(RSS))
    const result = await client.fetchFeed(feedRequest(server.url('/203.xml')))
    expect(result.status === 'ok' && result.httpStatus).toBe(203)
  })

  it('reuses one pooled connection across fetches', async () => {
    const pooled = await startFixtureServer()
    pooled.route('/a.xml', (_req, res) => res.end(RSS))
    const own = new FetchClient(OPTIONS)
    try {
      await own.fetchFeed(feedRequest(pooled.url('/a.xml')))
      // undici marks the connection idle a moment after the body ends; a request sent in that very
      // tick would open a second one.
      await new Promise((resolve) => setTimeout(resolve, 20))
      await own.fetchFeed(feedRequest(pooled.url('/a.xml')))
      expect(pooled.connectionCount()).toBe(1)
      await own.close()
      await waitFor(() => pooled.openConnectionCount() === 0, 1000)
    } finally {
      await own.close()
      await pooled.close()
    }
  })
})

describe('FetchClient.fetchFeed: stale keep-alive connections', () => {
  it('retries once on a fresh connection when the server drops a reused one', async () => {
    const flaky = await startFixtureServer()
    const served = new Set<unknown>()
    flaky.route('/feed.xml', (req, res) => {
      // Answer the first request on each connection, then hang up on the next one without a response.
      if (served.has(req.socket)) {
        req.socket.destroy()
        return
      }
      served.add(req.socket)
      res.end(RSS)
    })
    try {
      const first = await client.fetchFeed(feedRequest(flaky.url('/feed.xml')))
      await new Promise((resolve) => setTimeout(resolve, 20))
      const second = await client.fetchFeed(feedRequest(flaky.url('/feed.xml')))
      expect([first.status, second.status, flaky.connectionCount()]).toEqual(['ok', 'ok', 2])
    } finally {
      await flaky.close()
    }
  })
})

describe('FetchClient.fetchFeed: status errors', () => {
  it.each([
    [404, 'fetch_client_error', 'fetch: unexpected status 404 from'],
    [403, 'fetch_client_error', 'fetch: unexpected status 403 from'],
    [410, 'fetch_gone', 'fetch: feed gone (410) at'],
    [500, 'fetch_server_error', 'fetch: unexpected status 500 from'],
    [502, 'fetch_server_error', 'fetch: unexpected status 502 from'],
    [300, 'fetch_server_error', 'fetch: unexpected status 300 from'],
  ] as const)('maps %i to %s', async (status, code, message) => {
    const path = `/status-${status}.xml`
    server.route(path, (_req, res) => res.writeHead(status).end('nope'))
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url(path))))
    expect(error.code).toBe(code)
    expect(error.message).toBe(`${message} ${server.url(path)}`)
    expect(error.httpStatus).toBe(status)
    expect(error.url).toBe(server.url(path))
    expect(error.retryAt).toBeNull()
  })

  it('does not wait for a slow error body', async () => {
    let closed = false
    server.route('/slow-error.xml', (_req, res) => {
      res.on('close', () => {
        closed = true
      })
      res.writeHead(500, { 'content-type': 'text/html' }).write('<html>')
    })
    const start = Date.now()
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/slow-error.xml'))))
    expect(error.code).toBe('fetch_server_error')
    expect(Date.now() - start).toBeLessThan(1000)
    await waitFor(() => closed, 500)
  })

  it('maps 429 to fetch_rate_limited with Retry-After seconds as an absolute time', async () => {
    server.route('/429-seconds.xml', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end())
    const before = Date.now()
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/429-seconds.xml'))))
    const after = Date.now()
    expect(error.code).toBe('fetch_rate_limited')
    expect(error.message).toBe(`fetch: rate limited (429) by ${server.url('/429-seconds.xml')}`)
    expect(error.httpStatus).toBe(429)
    expect(error.retryAt?.getTime()).toBeGreaterThanOrEqual(before + 120_000)
    expect(error.retryAt?.getTime()).toBeLessThanOrEqual(after + 120_000)
  })

  it('maps 429 with a Retry-After HTTP-date to that exact time', async () => {
    server.route('/429-date.xml', (_req, res) =>
      res.writeHead(429, { 'retry-after': 'Wed, 01 Jan 2031 00:00:00 GMT' }).end(),
    )
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/429-date.xml'))))
    expect(error.code).toBe('fetch_rate_limited')
    expect(error.retryAt).toEqual(new Date('2031-01-01T00:00:00Z'))
  })

  it('maps 503 to fetch_server_error and keeps its Retry-After', async () => {
    server.route('/503.xml', (_req, res) => res.writeHead(503, { 'retry-after': 'Wed, 01 Jan 2031 00:00:00 GMT' }).end())
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/503.xml'))))
    expect(error.code).toBe('fetch_server_error')
    expect(error.message).toBe(`fetch: unexpected status 503 from ${server.url('/503.xml')}`)
    expect(error.httpStatus).toBe(503)
    expect(error.retryAt).toEqual(new Date('2031-01-01T00:00:00Z'))
  })

  it.each([
    ['200 with an empty body', 200, ''],
    ['204 No Content', 204, undefined],
  ] as const)('fails %s with fetch_empty_body', async (_name, status, body) => {
    const path = `/empty-${status}.xml`
    server.route(path, (_req, res) => res.writeHead(status).end(body))
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url(path))))
    expect(error.code).toBe('fetch_empty_body')
    expect(error.message).toBe(`fetch: empty body with status ${status} from ${server.url(path)}`)
    expect(error.httpStatus).toBe(status)
  })
})

describe('FetchClient.fetchFeed: redirects', () => {
  it('follows a 301, 302 chain with a relative Location and records it', async () => {
    server.route('/moved.xml', (_req, res) => res.writeHead(301, { location: '/moved-again.xml' }).end())
    server.route('/moved-again.xml', (_req, res) => res.writeHead(302, { location: 'final/feed.xml?x=1' }).end())
    server.route('/final/feed.xml', (_req, res) => res.writeHead(200, { etag: '"final"' }).end(RSS))
    const result = await client.fetchFeed(feedRequest(server.url('/moved.xml'), { etag: '"final"' }))
    expect(result).toMatchObject({
      status: 'ok',
      finalUrl: server.url('/final/feed.xml?x=1'),
      etag: '"final"',
      redirects: [
        { from: server.url('/moved.xml'), to: server.url('/moved-again.xml'), status: 301 },
        { from: server.url('/moved-again.xml'), to: server.url('/final/feed.xml?x=1'), status: 302 },
      ],
    })
    // Validators go to every hop, so a redirected feed can still be answered 304.
    expect(requestsTo('/final/feed.xml?x=1')[0]?.headers['if-none-match']).toBe('"final"')
    expect(requestsTo('/moved.xml')[0]?.headers['if-none-match']).toBe('"final"')
  })

  it.each([303, 307, 308] as const)('follows %i', async (status) => {
    server.route(`/redirect-${status}.xml`, (_req, res) => res.writeHead(status, { location: server.url('/target.xml') }).end())
    server.route('/target.xml', (_req, res) => res.end(RSS))
    const result = await client.fetchFeed(feedRequest(server.url(`/redirect-${status}.xml`)))
    expect(result.redirects).toEqual([{ from: server.url(`/redirect-${status}.xml`), to: server.url('/target.xml'), status }])
    expect(result.finalUrl).toBe(server.url('/target.xml'))
  })

  it('returns not-modified at the end of a redirect chain', async () => {
    server.route('/old-304.xml', (_req, res) => res.writeHead(308, { location: '/new-304.xml' }).end())
    server.route('/new-304.xml', (_req, res) => res.writeHead(304).end())
    const result = await client.fetchFeed(feedRequest(server.url('/old-304.xml'), { etag: '"e"' }))
    expect(result).toEqual({
      status: 'not-modified',
      finalUrl: server.url('/new-304.xml'),
      etag: null,
      lastModified: null,
      redirects: [{ from: server.url('/old-304.xml'), to: server.url('/new-304.xml'), status: 308 }],
      cache: NO_HINTS,
    })
  })

  it('fails a redirect loop with fetch_redirect_loop', async () => {
    server.route('/loop-a.xml', (_req, res) => res.writeHead(302, { location: '/loop-b.xml' }).end())
    server.route('/loop-b.xml', (_req, res) => res.writeHead(302, { location: '/loop-a.xml#frag' }).end())
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/loop-a.xml'))))
    expect(error.code).toBe('fetch_redirect_loop')
    expect(error.message).toBe(
      `fetch: redirect loop from ${server.url('/loop-b.xml')} back to ${server.url('/loop-a.xml#frag')}`,
    )
    expect(error.httpStatus).toBe(302)
    expect(error.url).toBe(server.url('/loop-b.xml'))
  })

  it('fails a redirect to itself with fetch_redirect_loop', async () => {
    server.route('/self.xml', (_req, res) => res.writeHead(301, { location: '/self.xml' }).end())
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/self.xml'))))
    expect(error.code).toBe('fetch_redirect_loop')
  })

  it('follows exactly maxRedirects hops and fails on one more with fetch_too_many_redirects', async () => {
    for (let hop = 0; hop < 6; hop += 1) {
      server.route(`/hop-${hop}.xml`, (_req, res) => res.writeHead(302, { location: `/hop-${hop + 1}.xml` }).end())
    }
    server.route('/hop-6.xml', (_req, res) => res.end(RSS))
    const fiveHops = await client.fetchFeed(feedRequest(server.url('/hop-1.xml')))
    expect(fiveHops.redirects).toHaveLength(5)
    expect(fiveHops.finalUrl).toBe(server.url('/hop-6.xml'))
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/hop-0.xml'))))
    expect(error.code).toBe('fetch_too_many_redirects')
    expect(error.message).toBe(`fetch: more than 5 redirects starting at ${server.url('/hop-0.xml')}`)
    expect(error.url).toBe(server.url('/hop-5.xml'))
  })

  it('fails a redirect to a non-HTTP scheme with fetch_invalid_url', async () => {
    server.route('/to-file.xml', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end())
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/to-file.xml'))))
    expect(error.code).toBe('fetch_invalid_url')
    expect(error.message).toBe('fetch: unsupported scheme file: in file:///etc/passwd')
  })

  it('fails an unparseable Location with fetch_invalid_url on the hop that sent it', async () => {
    server.route('/bad-location.xml', (_req, res) => res.writeHead(302, { location: 'http://[oops/feed' }).end())
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/bad-location.xml'))))
    expect(error.code).toBe('fetch_invalid_url')
    expect(error.message).toBe(`fetch: invalid url "http://[oops/feed" (redirect from ${server.url('/bad-location.xml')})`)
    expect(error.url).toBe(server.url('/bad-location.xml'))
  })

  it('fails a redirect without Location with fetch_server_error', async () => {
    server.route('/no-location.xml', (_req, res) => res.writeHead(301).end())
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/no-location.xml'))))
    expect(error.code).toBe('fetch_server_error')
    expect(error.message).toBe(`fetch: redirect 301 without location from ${server.url('/no-location.xml')}`)
  })
})

describe('FetchClient.fetchFeed: URLs and network failures', () => {
  it.each([
    ['not a URL', 'not a url', 'fetch: invalid url "not a url"'],
    ['an FTP URL', 'ftp://example.org/feed.xml', 'fetch: unsupported scheme ftp: in ftp://example.org/feed.xml'],
    ['a file URL', 'file:///etc/passwd', 'fetch: unsupported scheme file: in file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)', 'fetch: unsupported scheme javascript: in javascript:alert(1)'],
  ])('fails %s with fetch_invalid_url', async (_name, url, message) => {
    const error = await fetchFailure(client.fetchFeed(feedRequest(url)))
    expect(error.code).toBe('fetch_invalid_url')
    expect(error.message).toBe(message)
    expect(error.httpStatus).toBeNull()
  })

  it('fails a closed port with fetch_connection', async () => {
    const closed = await startFixtureServer()
    const url = closed.url('/feed.xml')
    await closed.close()
    const error = await fetchFailure(client.fetchFeed(feedRequest(url)))
    expect(error.code).toBe('fetch_connection')
    expect(error.message).toBe(`fetch: connection failed for ${url} (ECONNREFUSED)`)
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('fails a name that does not resolve with fetch_dns', async () => {
    // .invalid never resolves (RFC 6761 §6.4).
    const error = await fetchFailure(client.fetchFeed(feedRequest('http://feed.tributary.invalid/feed.xml')))
    expect(error.code).toBe('fetch_dns')
    expect(error.message).toMatch(/^fetch: cannot resolve feed\.tributary\.invalid \((ENOTFOUND|EAI_AGAIN)\) for http:\/\/feed\.tributary\.invalid\/feed\.xml$/)
  })

  it('fails an untrusted certificate with fetch_tls', async () => {
    const fixtures = new URL('../fixtures/fetch/', import.meta.url)
    const tlsServer = createHttpsServer(
      { key: await readFile(new URL('self-signed.key', fixtures)), cert: await readFile(new URL('self-signed.crt', fixtures)) },
      (_req, res) => res.end(RSS),
    )
    tlsServer.listen(0, '127.0.0.1')
    await once(tlsServer, 'listening')
    const url = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}/feed.xml`
    try {
      const error = await fetchFailure(client.fetchFeed(feedRequest(url)))
      expect(error.code).toBe('fetch_tls')
      expect(error.message).toBe(`fetch: tls failure (DEPTH_ZERO_SELF_SIGNED_CERT) for ${url}`)
    } finally {
      tlsServer.closeAllConnections()
      tlsServer.close()
    }
  })
})

describe('FetchClient.fetchFeed: deadline', () => {
  it('ends a server that trickles a byte at a time with fetch_timeout at the deadline, and closes the socket', async () => {
    const trickle = await startFixtureServer()
    trickle.route('/slow.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      const timer = setInterval(() => res.write('<'), 50)
      res.on('close', () => clearInterval(timer))
    })
    const timed = new FetchClient({ ...OPTIONS, timeoutMs: 600 })
    try {
      const start = Date.now()
      const error = await fetchFailure(timed.fetchFeed(feedRequest(trickle.url('/slow.xml'))))
      const elapsed = Date.now() - start
      expect(error.code).toBe('fetch_timeout')
      expect(error.message).toBe(`fetch: timed out after 600 ms fetching ${trickle.url('/slow.xml')}`)
      expect(elapsed).toBeGreaterThanOrEqual(590)
      expect(elapsed).toBeLessThan(1100)
      // Not left to the pool: the client hangs up on the trickling server right away.
      await waitFor(() => trickle.openConnectionCount() === 0, 500)
    } finally {
      await timed.close()
      await trickle.close()
    }
  })

  it('ends a server that never sends headers with fetch_timeout', async () => {
    const silent = await startFixtureServer()
    silent.route('/silent.xml', () => undefined)
    const timed = new FetchClient({ ...OPTIONS, timeoutMs: 300 })
    try {
      const error = await fetchFailure(timed.fetchFeed(feedRequest(silent.url('/silent.xml'))))
      expect(error.code).toBe('fetch_timeout')
      await waitFor(() => silent.openConnectionCount() === 0, 500)
    } finally {
      await timed.close()
      await silent.close()
    }
  })

  it('ends a server that never sends headers at the headers timeout, well before the total deadline', async () => {
    const silent = await startFixtureServer()
    silent.route('/silent.xml', () => undefined)
    const timed = new FetchClient({ ...OPTIONS, timeoutMs: 5000, headersTimeoutMs: 200 })
    try {
      const started = Date.now()
      const error = await fetchFailure(timed.fetchFeed(feedRequest(silent.url('/silent.xml'))))
      expect(error.code).toBe('fetch_timeout')
      expect(Date.now() - started).toBeLessThan(2000)
    } finally {
      await timed.close()
      await silent.close()
    }
  })

  it('counts the deadline across redirect hops, not per hop', async () => {
    const slowHops = await startFixtureServer()
    for (let hop = 0; hop < 4; hop += 1) {
      slowHops.route(`/slow-hop-${hop}.xml`, (_req, res) => {
        setTimeout(() => res.writeHead(302, { location: `/slow-hop-${hop + 1}.xml` }).end(), 150)
      })
    }
    slowHops.route('/slow-hop-4.xml', (_req, res) => res.end(RSS))
    const timed = new FetchClient({ ...OPTIONS, timeoutMs: 400 })
    try {
      const error = await fetchFailure(timed.fetchFeed(feedRequest(slowHops.url('/slow-hop-0.xml'))))
      expect(error.code).toBe('fetch_timeout')
      expect(error.url).toBe(slowHops.url('/slow-hop-2.xml'))
    } finally {
      await timed.close()
      await slowHops.close()
    }
  })

  it("stops when the caller's signal aborts", async () => {
    server.route('/hang.xml', () => undefined)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/hang.xml')), { signal: controller.signal }))
    expect(error.code).toBe('fetch_aborted')
    expect(error.message).toBe(`fetch: aborted by the caller while fetching ${server.url('/hang.xml')}`)
  })

  it("reports the caller's abort in the middle of a body as fetch_aborted, and hangs up", async () => {
    const trickle = await startFixtureServer()
    trickle.route('/trickle.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      const timer = setInterval(() => res.write('<'), 20)
      res.on('close', () => clearInterval(timer))
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('shutting down')), 150)
    try {
      const start = Date.now()
      const error = await fetchFailure(
        client.fetchFeed(feedRequest(trickle.url('/trickle.xml')), { signal: controller.signal }),
      )
      expect(Date.now() - start).toBeLessThan(1000)
      expect(error.code).toBe('fetch_aborted')
      expect(error.url).toBe(trickle.url('/trickle.xml'))
      await waitFor(() => trickle.openConnectionCount() === 0, 500)
    } finally {
      await trickle.close()
    }
  })

  it('reports an already aborted signal as fetch_aborted without sending a request', async () => {
    server.route('/never.xml', (_req, res) => res.end(RSS))
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/never.xml')), { signal: AbortSignal.abort() }))
    expect(error.code).toBe('fetch_aborted')
    expect(requestsTo('/never.xml')).toHaveLength(0)
  })

  it("still reports its own deadline as fetch_timeout when the caller's signal did not fire", async () => {
    const silent = await startFixtureServer()
    silent.route('/silent.xml', () => undefined)
    const timed = new FetchClient({ ...OPTIONS, timeoutMs: 200 })
    try {
      const error = await fetchFailure(
        timed.fetchFeed(feedRequest(silent.url('/silent.xml')), { signal: new AbortController().signal }),
      )
      expect(error.code).toBe('fetch_timeout')
    } finally {
      await timed.close()
      await silent.close()
    }
  })
})

describe('FetchClient.fetchFeed: credentials in the URL', () => {
  const SECRET = 's3cr3t-pw'

  function basic(userPass: string): string {
    return `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`
  }

  // https://user:pass@… as the user typed it, for a URL of the fixture server.
  function withCredentials(url: string, userinfo: string): string {
    return url.replace('://', `://${userinfo}@`)
  }

  // Everything of a FetchError that may reach a log line or the feed row.
  function reported(error: FetchError): string {
    return JSON.stringify({ message: error.message, url: error.url, stack: error.stack, cause: String(error.cause) })
  }

  it('sends them as Basic auth, percent-decoded as UTF-8, and reports the URL without them', async () => {
    server.route('/private.xml', (req, res) => {
      if (req.headers.authorization === basic(`jürgen:p@ss ${SECRET}☕`)) res.end(RSS)
      else res.writeHead(401, { 'www-authenticate': 'Basic realm="feeds"' }).end()
    })
    const url = withCredentials(server.url('/private.xml'), `j%C3%BCrgen:p%40ss%20${SECRET}%E2%98%95`)
    const result = await client.fetchFeed(feedRequest(url))
    expect(result).toMatchObject({ status: 'ok', finalUrl: server.url('/private.xml'), redirects: [] })
    expect(JSON.stringify(result)).not.toContain(SECRET)
  })

  it('sends an empty password as "user:"', async () => {
    server.route('/user-only.xml', (_req, res) => res.end(RSS))
    await client.fetchFeed(feedRequest(withCredentials(server.url('/user-only.xml'), 'reader')))
    expect(requestsTo('/user-only.xml')[0]?.headers.authorization).toBe(basic('reader:'))
  })

  it('sends them on every hop to the same origin, and to no other origin', async () => {
    const other = await startFixtureServer()
    try {
      server.route('/auth-start.xml', (_req, res) => res.writeHead(301, { location: '/auth-same.xml' }).end())
      server.route('/auth-same.xml', (_req, res) => res.writeHead(302, { location: other.url('/elsewhere.xml') }).end())
      other.route('/elsewhere.xml', (_req, res) => res.writeHead(307, { location: server.url('/auth-back.xml') }).end())
      server.route('/auth-back.xml', (_req, res) => res.end(RSS))
      const result = await client.fetchFeed(feedRequest(withCredentials(server.url('/auth-start.xml'), `user:${SECRET}`)))

      const expected = basic(`user:${SECRET}`)
      expect(requestsTo('/auth-start.xml')[0]?.headers.authorization).toBe(expected)
      expect(requestsTo('/auth-same.xml')[0]?.headers.authorization).toBe(expected)
      expect(other.requests[0]?.headers.authorization).toBeUndefined()
      expect(requestsTo('/auth-back.xml')[0]?.headers.authorization).toBe(expected)
      expect(result.finalUrl).toBe(server.url('/auth-back.xml'))
      expect(result.redirects).toEqual([
        { from: server.url('/auth-start.xml'), to: server.url('/auth-same.xml'), status: 301 },
        { from: server.url('/auth-same.xml'), to: other.url('/elsewhere.xml'), status: 302 },
        { from: other.url('/elsewhere.xml'), to: server.url('/auth-back.xml'), status: 307 },
      ])
    } finally {
      await other.close()
    }
  })

  it('never uses or reports credentials that a redirect Location carries', async () => {
    const other = await startFixtureServer()
    try {
      server.route('/to-userinfo.xml', (_req, res) =>
        res.writeHead(302, { location: withCredentials(other.url('/target.xml'), `mallory:${SECRET}`) }).end(),
      )
      other.route('/target.xml', (_req, res) => res.end(RSS))
      const result = await client.fetchFeed(feedRequest(server.url('/to-userinfo.xml')))
      expect(other.requests[0]?.headers.authorization).toBeUndefined()
      expect(result.finalUrl).toBe(other.url('/target.xml'))
      expect(result.redirects).toEqual([{ from: server.url('/to-userinfo.xml'), to: other.url('/target.xml'), status: 302 }])
    } finally {
      await other.close()
    }
  })

  it.each([
    ['a status error', '/private-404.xml', 'fetch_client_error'],
    ['a redirect loop', '/private-loop.xml', 'fetch_redirect_loop'],
    ['too many redirects', '/private-hop-0.xml', 'fetch_too_many_redirects'],
  ] as const)('keeps them out of %s', async (_name, path, code) => {
    server.route('/private-404.xml', (_req, res) => res.writeHead(404).end())
    server.route('/private-loop.xml', (_req, res) => res.writeHead(302, { location: '/private-loop.xml' }).end())
    for (let hop = 0; hop < 6; hop += 1) {
      server.route(`/private-hop-${hop}.xml`, (_req, res) =>
        res.writeHead(302, { location: `/private-hop-${hop + 1}.xml` }).end(),
      )
    }
    const error = await fetchFailure(client.fetchFeed(feedRequest(withCredentials(server.url(path), `user:${SECRET}`))))
    expect(error.code).toBe(code)
    expect(reported(error)).not.toContain(SECRET)
    expect(error.url.startsWith('http://127.0.0.1:')).toBe(true)
  })

  it('keeps them out of a connection failure', async () => {
    const closed = await startFixtureServer()
    const url = closed.url('/feed.xml')
    await closed.close()
    const error = await fetchFailure(client.fetchFeed(feedRequest(withCredentials(url, `user:${SECRET}`))))
    expect(error.code).toBe('fetch_connection')
    expect(error.message).toBe(`fetch: connection failed for ${url} (ECONNREFUSED)`)
    expect(reported(error)).not.toContain(SECRET)
  })

  it('keeps them out of a blocked address', async () => {
    const guarded = new FetchClient({ ...OPTIONS, allowPrivateNetworks: false })
    try {
      const error = await fetchFailure(guarded.fetchFeed(feedRequest(`http://user:${SECRET}@127.0.0.1/feed.xml`)))
      expect(error.code).toBe('fetch_blocked_address')
      expect(error.message).toBe('fetch: refusing to connect to blocked address 127.0.0.1 in http://127.0.0.1/feed.xml')
      expect(reported(error)).not.toContain(SECRET)
    } finally {
      await guarded.close()
    }
  })

  it.each([
    ['an unparseable URL', `https://user:${SECRET}@example.org:99999/feed`, 'fetch: invalid url "https://***@example.org:99999/feed"'],
    ['an unsupported scheme', `ftp://user:${SECRET}@example.org/feed`, 'fetch: unsupported scheme ftp: in ftp://example.org/feed'],
    ['a scheme-less user:pass@host', `user:${SECRET}@example.org/feed`, 'fetch: unsupported scheme user: in user:***@example.org/feed'],
  ])('keeps them out of %s', async (_name, url, message) => {
    const error = await fetchFailure(client.fetchFeed(feedRequest(url)))
    expect(error.code).toBe('fetch_invalid_url')
    expect(error.message).toBe(message)
    expect(reported(error)).not.toContain(SECRET)
  })

  it('keeps them out of an unparseable Location', async () => {
    server.route('/bad-userinfo-location.xml', (_req, res) =>
      res.writeHead(302, { location: `http://user:${SECRET}@[oops/feed` }).end(),
    )
    const error = await fetchFailure(client.fetchFeed(feedRequest(server.url('/bad-userinfo-location.xml'))))
    expect(error.code).toBe('fetch_invalid_url')
    expect(error.message).toBe(
      `fetch: invalid url "http://***@[oops/feed" (redirect from ${server.url('/bad-userinfo-location.xml')})`,
    )
  })
})
