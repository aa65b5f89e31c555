import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchError, fetchFeed } from '../../src/fetch/index.js'
import type { FetchOptions } from '../../src/fetch/index.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import type { FixtureServer } from '../helpers/fixture-server.js'

const OPTIONS: FetchOptions = {
  timeoutMs: 3000,
  maxBytes: 1_000_000,
  allowPrivateNetworks: true,
  userAgent: 'Tributary-test/1.0',
  maxRedirects: 5,
}

let server: FixtureServer

beforeAll(async () => {
  server = await startFixtureServer()
  server.route('/feed.json', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/feed+json', etag: '"j1"' }).end('{"version":"https://jsonfeed.org/version/1.1"}'),
  )
})

afterAll(async () => {
  await server.close()
})

describe('fetchFeed', () => {
  it('fetches once over a pool of its own and closes it before returning', async () => {
    const result = await fetchFeed({ url: server.url('/feed.json'), etag: null, lastModified: null }, OPTIONS)
    expect(result).toMatchObject({ status: 'ok', httpStatus: 200, contentType: 'application/feed+json', etag: '"j1"' })
    // Closed, not left idle in a keep-alive pool nobody will ever use again.
    const start = Date.now()
    while (server.openConnectionCount() > 0 && Date.now() - start < 500) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(server.openConnectionCount()).toBe(0)
  })

  it("honours the caller's signal", async () => {
    const error: unknown = await fetchFeed(
      { url: server.url('/feed.json'), etag: null, lastModified: null },
      { ...OPTIONS, signal: AbortSignal.abort() },
    ).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(FetchError)
    expect((error as FetchError).code).toBe('fetch_aborted')
    expect((error as FetchError).message).toBe(`fetch: aborted by the caller while fetching ${server.url('/feed.json')}`)
  })

  it('throws FetchError for an invalid URL', async () => {
    const error: unknown = await fetchFeed({ url: '/relative/feed.xml', etag: null, lastModified: null }, OPTIONS).catch(
      (err: unknown) => err,
    )
    expect(error).toBeInstanceOf(FetchError)
    expect(error).toMatchObject({ code: 'fetch_invalid_url', url: '/relative/feed.xml', httpStatus: null, retryAt: null })
  })
})
