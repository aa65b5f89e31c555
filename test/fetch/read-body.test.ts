import { once } from 'node:events'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Transform } from 'node:stream'
import {
  brotliCompressSync,
  constants,
  createBrotliCompress,
  createDeflateRaw,
  createGzip,
  deflateRawSync,
  deflateSync,
  gzipSync,
} from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchClient, FetchError } from '../../src/fetch/index.js'
import type { FetchClientOptions } from '../../src/fetch/index.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import type { FixtureServer } from '../helpers/fixture-server.js'

const MAX_BYTES = 1_000_000
const OPTIONS: FetchClientOptions = {
  timeoutMs: 5000,
  maxBytes: MAX_BYTES,
  allowPrivateNetworks: true,
  userAgent: 'Tributary-test/1.0',
  maxRedirects: 5,
}
const FEED = Buffer.from(
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Zürich ☕</title>${'<item><title>x</title></item>'.repeat(200)}</channel></rss>`,
)

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

async function fetchBody(path: string): Promise<Buffer> {
  const result = await client.fetchFeed({ url: server.url(path), etag: null, lastModified: null })
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`)
  return result.body
}

async function fetchFailure(path: string, own: FetchClient = client): Promise<FetchError> {
  const error: unknown = await own.fetchFeed({ url: server.url(path), etag: null, lastModified: null }).then(
    () => new Error('expected the fetch to fail'),
    (err: unknown) => err,
  )
  expect(error).toBeInstanceOf(FetchError)
  return error as FetchError
}

function serve(path: string, body: Buffer, headers: Record<string, string>): void {
  server.route(path, (_req, res) => res.writeHead(200, headers).end(body))
}

// Compresses `size` zero bytes without ever holding them: a bomb costs only its compressed size.
async function compressZeros(compressor: Transform, size: number): Promise<Buffer> {
  const zeros = Buffer.alloc(1 << 20)
  async function* source(): AsyncGenerator<Buffer> {
    for (let sent = 0; sent < size; sent += zeros.length) yield zeros
  }
  const chunks: Buffer[] = []
  await pipeline(Readable.from(source()), compressor, async (compressed: AsyncIterable<Buffer>) => {
    for await (const chunk of compressed) chunks.push(chunk)
  })
  return Buffer.concat(chunks)
}

describe('readBody through FetchClient: content codings', () => {
  it.each([
    ['gzip', gzipSync(FEED)],
    ['x-gzip', gzipSync(FEED)],
    ['GZIP', gzipSync(FEED)],
    ['br', brotliCompressSync(FEED)],
    ['deflate', deflateSync(FEED)],
    ['identity', FEED],
  ] as const)('decodes %s', async (coding, encoded) => {
    serve(`/coding-${coding}.xml`, encoded, { 'content-encoding': coding })
    expect(await fetchBody(`/coding-${coding}.xml`)).toEqual(FEED)
  })

  it('decodes raw deflate sent as "deflate" (RFC 1951 without the zlib wrapper)', async () => {
    serve('/raw-deflate.xml', deflateRawSync(FEED), { 'content-encoding': 'deflate' })
    expect(await fetchBody('/raw-deflate.xml')).toEqual(FEED)
  })

  it('undoes stacked codings in reverse order of application', async () => {
    serve('/stacked.xml', brotliCompressSync(gzipSync(FEED)), { 'content-encoding': 'gzip, br' })
    expect(await fetchBody('/stacked.xml')).toEqual(FEED)
  })

  it('keeps what arrived of a truncated gzip stream, as browsers do', async () => {
    const gzipped = gzipSync(FEED)
    serve('/truncated.xml.gz', gzipped.subarray(0, gzipped.length - 8), { 'content-encoding': 'gzip' })
    expect(await fetchBody('/truncated.xml.gz')).toEqual(FEED)
  })

  it('fails an empty gzip body with fetch_empty_body', async () => {
    serve('/empty.xml.gz', Buffer.alloc(0), { 'content-encoding': 'gzip' })
    const error = await fetchFailure('/empty.xml.gz')
    expect(error.code).toBe('fetch_empty_body')
  })

  it('fails a coding it did not offer with fetch_bad_encoding', async () => {
    serve('/zstd.xml', FEED, { 'content-encoding': 'zstd' })
    const error = await fetchFailure('/zstd.xml')
    expect(error.code).toBe('fetch_bad_encoding')
    expect(error.message).toBe(`fetch: unsupported content-encoding zstd from ${server.url('/zstd.xml')}`)
    expect(error.httpStatus).toBeNull()
  })

  it('refuses more than five stacked codings with fetch_bad_encoding', async () => {
    serve('/many-codings.xml', FEED, { 'content-encoding': 'gzip, gzip, gzip, gzip, gzip, gzip' })
    const error = await fetchFailure('/many-codings.xml')
    expect(error.code).toBe('fetch_bad_encoding')
    expect(error.message).toBe(`fetch: too many content codings (6) from ${server.url('/many-codings.xml')}`)
  })

  it.each([
    ['gzip', Buffer.from('this is not gzip at all'), /^Z_DATA_ERROR$/],
    ['deflate', Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01]), /^Z_DATA_ERROR$/],
    ['br', Buffer.from('this is not brotli either, not at all'), /^ERR__ERROR_FORMAT_/],
    ['gzip, br', brotliCompressSync(Buffer.from('brotli around something that is not gzip')), /^Z_DATA_ERROR$/],
  ] as const)('fails a corrupt %s body with fetch_bad_encoding', async (coding, body, code) => {
    const path = `/corrupt-${coding.replace(', ', '-')}.xml`
    serve(path, body, { 'content-encoding': coding })
    const error = await fetchFailure(path)
    expect(error.code).toBe('fetch_bad_encoding')
    const [, reported] = /^fetch: cannot decode the body of (?:\S+) \((\S+)\)$/.exec(error.message) ?? []
    expect(reported).toMatch(code)
    expect(error.url).toBe(server.url(path))
    expect(error.httpStatus).toBeNull()
  })
})

describe('readBody through FetchClient: size cap', () => {
  it('returns a body of exactly maxBytes', async () => {
    serve('/exact.xml', Buffer.alloc(MAX_BYTES, 'a'), { 'content-type': 'text/xml' })
    expect((await fetchBody('/exact.xml')).length).toBe(MAX_BYTES)
  })

  it.each([
    ['gzip', () => createGzip()],
    ['br', () => createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })],
    ['deflate', () => createDeflateRaw()],
  ] as const)('stops a %s bomb (64 MB of zeros) at the cap with bounded memory', async (coding, compressor) => {
    const bomb = await compressZeros(compressor(), 64 << 20)
    expect(bomb.length).toBeLessThan(MAX_BYTES)
    serve(`/bomb-${coding}.xml`, bomb, { 'content-encoding': coding })

    const baseline = process.memoryUsage().arrayBuffers
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers)
    }, 1)
    try {
      const error = await fetchFailure(`/bomb-${coding}.xml`)
      expect(error.code).toBe('fetch_too_large')
      expect(error.message).toBe(`fetch: body of ${server.url(`/bomb-${coding}.xml`)} exceeds ${MAX_BYTES} bytes`)
    } finally {
      clearInterval(sampler)
    }
    peak = Math.max(peak, process.memoryUsage().arrayBuffers)
    // Inflating the whole bomb would take 64 MB; streaming with the cap stays near maxBytes.
    expect(peak - baseline).toBeLessThan(16 << 20)
  })

  it('rejects an identity body whose Content-Length is over the cap before reading it', async () => {
    let closed = false
    server.route('/declared-too-large.xml', (_req, res) => {
      // Promise a body that never comes: only the header can have triggered the rejection.
      res.writeHead(200, { 'content-length': String(MAX_BYTES + 1) }).flushHeaders()
      res.on('close', () => {
        closed = true
      })
    })
    const start = Date.now()
    const error = await fetchFailure('/declared-too-large.xml')
    expect(Date.now() - start).toBeLessThan(1000)
    expect(error.code).toBe('fetch_too_large')
    expect(error.message).toBe(
      `fetch: body of ${server.url('/declared-too-large.xml')} is ${MAX_BYTES + 1} bytes, over the ${MAX_BYTES} byte cap`,
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(closed).toBe(true)
  })

  it('stops a chunked body without Content-Length at the cap and hangs up', async () => {
    let closed = false
    server.route('/chunked-too-large.xml', async (_req, res) => {
      res.on('close', () => {
        closed = true
      })
      res.writeHead(200, { 'content-type': 'text/xml' })
      const chunk = Buffer.alloc(64 * 1024, 'a')
      // Endless: the client has to hang up for this loop to stop.
      while (!res.destroyed) {
        if (!res.write(chunk)) await once(res, 'drain').catch(() => undefined)
      }
    })
    const error = await fetchFailure('/chunked-too-large.xml')
    expect(error.code).toBe('fetch_too_large')
    expect(error.message).toBe(`fetch: body of ${server.url('/chunked-too-large.xml')} exceeds ${MAX_BYTES} bytes`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(closed).toBe(true)
  })

  it('reads exactly Content-Length bytes when the server sends more than it declared', async () => {
    server.route('/understated.xml', (req) => {
      // Written to the socket directly: Node's ServerResponse refuses to overrun Content-Length.
      req.socket.end(`HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n${'b'.repeat(2 * MAX_BYTES)}`)
    })
    expect(await fetchBody('/understated.xml')).toEqual(Buffer.from('b'.repeat(10)))
  })

  it('fails a body cut short of its Content-Length with fetch_connection', async () => {
    server.route('/overstated.xml', (req) => {
      req.socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly fifty bytes of the promised hundred........')
    })
    const error = await fetchFailure('/overstated.xml')
    expect(error.code).toBe('fetch_connection')
    expect(error.message).toMatch(new RegExp(`^fetch: connection failed for ${server.url('/overstated.xml')} \\(UND_ERR_`))
  })
})
