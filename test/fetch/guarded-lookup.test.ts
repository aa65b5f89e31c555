import type { LookupAddress } from 'node:dns'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchClient, FetchError } from '../../src/fetch/index.js'
import type { FetchClientOptions } from '../../src/fetch/index.js'
import { BlockedAddressError, createGuardedLookup } from '../../src/fetch/guarded-lookup.js'
import type { ResolveAll } from '../../src/fetch/guarded-lookup.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import type { FixtureServer } from '../helpers/fixture-server.js'

const GUARDED: FetchClientOptions = {
  timeoutMs: 3000,
  maxBytes: 1_000_000,
  allowPrivateNetworks: false,
  userAgent: 'Tributary-test/1.0',
  maxRedirects: 5,
}

type LookupOutcome = { error: Error } | { address: string | LookupAddress[]; family: number | undefined }

function resolvingTo(addresses: LookupAddress[]): ResolveAll {
  return (_hostname, _options, callback) => callback(null, addresses)
}

function lookupWith(resolveAll: ResolveAll, all: boolean): Promise<LookupOutcome> {
  return new Promise((resolve) => {
    createGuardedLookup(resolveAll)('feed.example', { all }, (error, address, family) => {
      resolve(error === null ? { address, family } : { error })
    })
  })
}

describe('createGuardedLookup', () => {
  it('passes public addresses through, in order', async () => {
    const addresses = [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]
    expect(await lookupWith(resolvingTo(addresses), true)).toEqual({ address: addresses, family: undefined })
    expect(await lookupWith(resolvingTo(addresses), false)).toEqual({ address: '93.184.216.34', family: 4 })
  })

  it('drops private addresses of a name that also has public ones', async () => {
    const resolveAll = resolvingTo([
      { address: '127.0.0.1', family: 4 },
      { address: '93.184.216.34', family: 4 },
      { address: 'fd00::1', family: 6 },
    ])
    expect(await lookupWith(resolveAll, true)).toEqual({
      address: [{ address: '93.184.216.34', family: 4 }],
      family: undefined,
    })
    expect(await lookupWith(resolveAll, false)).toEqual({ address: '93.184.216.34', family: 4 })
  })

  it('fails with BlockedAddressError when every address is private', async () => {
    const outcome = await lookupWith(
      resolvingTo([
        { address: '169.254.169.254', family: 4 },
        { address: '::ffff:10.0.0.1', family: 6 },
      ]),
      false,
    )
    expect('error' in outcome && outcome.error).toBeInstanceOf(BlockedAddressError)
    expect('error' in outcome && outcome.error.message).toBe(
      'feed.example resolves only to blocked addresses (169.254.169.254, ::ffff:10.0.0.1)',
    )
  })

  it('passes resolver errors through unchanged', async () => {
    const failure = Object.assign(new Error('getaddrinfo ENOTFOUND feed.example'), { code: 'ENOTFOUND' })
    const outcome = await lookupWith((_hostname, _options, callback) => callback(failure, []), true)
    expect(outcome).toEqual({ error: failure })
  })

  it('always asks the resolver for every address', async () => {
    let asked: unknown
    await lookupWith((_hostname, options, callback) => {
      asked = options.all
      callback(null, [{ address: '93.184.216.34', family: 4 }])
    }, false)
    expect(asked).toBe(true)
  })
})

describe('FetchClient address guard', () => {
  let server: FixtureServer
  let client: FetchClient

  beforeAll(async () => {
    server = await startFixtureServer()
    server.route('/feed.xml', (_req, res) => res.end('<rss/>'))
    client = new FetchClient(GUARDED)
  })

  afterAll(async () => {
    await client.close()
    await server.close()
  })

  async function blocked(url: string): Promise<FetchError> {
    const error: unknown = await client.fetchFeed({ url, etag: null, lastModified: null }).then(
      () => new Error('expected the fetch to be blocked'),
      (err: unknown) => err,
    )
    expect(error).toBeInstanceOf(FetchError)
    expect((error as FetchError).code).toBe('fetch_blocked_address')
    return error as FetchError
  }

  it.each([
    ['a loopback IPv4 literal', (port: number) => `http://127.0.0.1:${port}/feed.xml`, '127.0.0.1'],
    ['the unspecified address, which Linux connects to localhost', (port: number) => `http://0.0.0.0:${port}/feed.xml`, '0.0.0.0'],
    ['a decimal IPv4 literal', (port: number) => `http://2130706433:${port}/feed.xml`, '127.0.0.1'],
    ['an IPv6 loopback literal', (port: number) => `http://[::1]:${port}/feed.xml`, '::1'],
    ['an IPv4-mapped IPv6 literal', (port: number) => `http://[::ffff:127.0.0.1]:${port}/feed.xml`, '::ffff:7f00:1'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
  ])('refuses %s before connecting', async (_name, url, host) => {
    const before = server.connectionCount()
    const target = new URL(url(server.port)).href
    const error = await blocked(url(server.port))
    expect(error.message).toBe(`fetch: refusing to connect to blocked address ${host} in ${target}`)
    expect(error.url).toBe(target)
    expect(server.connectionCount()).toBe(before)
  })

  it('refuses a hostname by the address it resolves to (localhost), without connecting', async () => {
    const before = server.connectionCount()
    const url = `http://localhost:${server.port}/feed.xml`
    const error = await blocked(url)
    expect(error.message).toMatch(
      new RegExp(`^fetch: refusing to connect to ${url}: localhost resolves only to blocked addresses \\(.*(127\\.0\\.0\\.1|::1).*\\)$`),
    )
    expect(error.cause).toBeInstanceOf(Error)
    expect(server.connectionCount()).toBe(before)
  })

  it('lets the same server through when private networks are allowed', async () => {
    const open = new FetchClient({ ...GUARDED, allowPrivateNetworks: true })
    try {
      const result = await open.fetchFeed({ url: `http://localhost:${server.port}/feed.xml`, etag: null, lastModified: null })
      expect(result.status).toBe('ok')
    } finally {
      await open.close()
    }
  })
})
