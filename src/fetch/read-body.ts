import { Duplex, pipeline } from 'node:stream'
import type { Readable, Transform } from 'node:stream'
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib'
import { FetchError } from './errors.js'

// Stacked codings are legal (RFC 9110 §8.4) but nobody needs more than a couple; each one costs a
// zlib context, so a header listing hundreds must not be honoured (undici's fetch caps it at 5 too).
const MAX_CODINGS = 5

// Decode what arrived even if the stream is cut short, as browsers do, instead of failing on the
// missing trailer: a truncated feed still fails to parse if it matters.
const ZLIB_OPTIONS = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH }
const BROTLI_OPTIONS = {
  flush: constants.BROTLI_OPERATION_FLUSH,
  finishFlush: constants.BROTLI_OPERATION_FLUSH,
}

/** Where a body comes from and how much of it to accept. */
export interface ReadBodyOptions {
  readonly contentEncoding: string | null
  /** Content-Length as sent, if any; it counts encoded bytes, so it only settles identity bodies. */
  readonly contentLength: number | null
  readonly maxBytes: number
  readonly url: string
}

/**
 * Returns the body decoded per Content-Encoding; throws FetchError fetch_too_large when an identity
 * Content-Length or, while streaming, the decoded size passes maxBytes (the streams are then
 * destroyed, which aborts the request), or fetch_bad_encoding for a coding we did not offer.
 * Stream errors (network, zlib) are rethrown as is; an unread body is left to the caller to destroy.
 */
export async function readBody(body: Readable, options: ReadBodyOptions): Promise<Buffer> {
  const { contentLength, maxBytes, url } = options
  const codings = parseCodings(options.contentEncoding, url)
  if (codings.length === 0 && contentLength !== null && contentLength > maxBytes) {
    const message = `fetch: body of ${url} is ${contentLength} bytes, over the ${maxBytes} byte cap`
    throw new FetchError('fetch_too_large', message, { url })
  }
  let decoded = body
  for (const coding of codings) {
    // Errors reach the consumer through the last stream, which pipeline destroys with the same error.
    decoded = pipeline(decoded, createDecoder(coding, url), () => undefined)
  }
  const chunks: Buffer[] = []
  let total = 0
  // Counting decoded bytes while streaming, with each zlib stream bounded by backpressure, is what
  // stops a compression bomb at the cap instead of after inflating it.
  for await (const chunk of decoded as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > maxBytes) {
      throw new FetchError('fetch_too_large', `fetch: body of ${url} exceeds ${maxBytes} bytes`, { url })
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, total)
}

// Codings are listed in the order they were applied (RFC 9110 §8.4), so they are undone in reverse.
function parseCodings(contentEncoding: string | null, url: string): string[] {
  if (contentEncoding === null) return []
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse()
  if (codings.length > MAX_CODINGS) {
    throw new FetchError('fetch_bad_encoding', `fetch: too many content codings (${codings.length}) from ${url}`, {
      url,
    })
  }
  return codings
}

function createDecoder(coding: string, url: string): Duplex {
  switch (coding) {
    // x-gzip is gzip's old alias, which recipients should treat as gzip (RFC 9110 §8.4.1.3).
    case 'gzip':
    case 'x-gzip':
      return createGunzip(ZLIB_OPTIONS)
    case 'deflate':
      return new DeflateDecoder()
    case 'br':
      return createBrotliDecompress(BROTLI_OPTIONS)
    default:
      throw new FetchError('fetch_bad_encoding', `fetch: unsupported content-encoding ${coding} from ${url}`, {
        url,
      })
  }
}

/**
 * "deflate" is the zlib format (RFC 9110 §8.4.1.2, RFC 1950), but some servers send raw deflate
 * (RFC 1951), so the first byte decides: a zlib header starts with CM = 8 in its low nibble, which
 * a raw stream's first block header does not produce in practice. This is the same test browsers
 * and undici's fetch use. Unlike undici's version, this one keeps backpressure end to end (the inner
 * stream pauses when our reader is full), so a raw-deflate bomb is bounded like the others.
 */
class DeflateDecoder extends Duplex {
  #inner: Transform | null = null

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (chunk.length === 0) {
      callback()
      return
    }
    const inner = this.#inner ?? this.#start(chunk)
    if (inner.write(chunk)) callback()
    else inner.once('drain', () => callback())
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.#inner === null) this.push(null)
    else this.#inner.end()
    callback()
  }

  override _read(): void {
    this.#inner?.resume()
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner?.destroy()
    callback(error)
  }

  #start(firstChunk: Buffer): Transform {
    const inner = ((firstChunk[0] ?? 0) & 0x0f) === 0x08 ? createInflate(ZLIB_OPTIONS) : createInflateRaw(ZLIB_OPTIONS)
    inner.on('data', (data: Buffer) => {
      if (!this.push(data)) inner.pause()
    })
    inner.on('end', () => this.push(null))
    inner.on('error', (error) => this.destroy(error))
    this.#inner = inner
    return inner
  }
}
