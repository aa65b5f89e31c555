import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ParseError } from '../../src/parse/index.js'
import { WorkerPool } from '../../src/worker-pool/index.js'
import { readFeedDocument } from '../../src/worker-pool/read-feed-document.js'
import { largeFeed } from '../helpers/hostile-documents.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

const RSS = path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml')
const NOW = new Date('2026-06-01T12:00:00Z')
const TINY = Buffer.from('<rss version="2.0"><channel><title>T</title><item><title>One</title><guid>1</guid></item></channel></rss>')

function feedInput(body: Uint8Array) {
  return { body, url: 'https://example.org/feed.xml', contentType: 'application/rss+xml', now: NOW, feedId: 7, storedTitle: null }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected a rejection') }, (err: unknown) => err)
}

describe('WorkerPool', () => {
  const pool = useWorkerPool()

  it('reads a feed on a thread exactly as the stages do on the main thread', async () => {
    const body = await readFile(RSS)
    const onThread = await pool.readFeed(feedInput(body))
    expect(onThread).toEqual(await readFeedDocument(feedInput(body)))
    expect(onThread.items.length).toBeGreaterThan(0)
  })

  it('tells a feed from an HTML page with feeds and from anything else', async () => {
    const page = Buffer.from('<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/a.atom" title="A"></head></html>')
    const input = (body: Buffer) => ({ body, url: 'https://example.org/', contentType: null })
    expect(await pool.probe(input(TINY))).toEqual({ kind: 'feed' })
    expect(await pool.probe(input(page))).toEqual({ kind: 'page', feeds: [{ url: 'https://example.org/a.atom', title: 'A', type: 'atom' }] })
    const err = await rejection(pool.probe(input(Buffer.from('plain text'))))
    expect(err).toBeInstanceOf(ParseError)
    expect(err).toMatchObject({ code: 'parse_unknown_format' })
  })
})

describe('WorkerPool deadline and heap limit', () => {
  // 4,000 items of 2 KB: seconds of work on any machine, far past these limits.
  const heavy = Buffer.from(largeFeed(4000, 2048))

  it('fails a document past the deadline with parse_timeout, keeps the event loop free, and replaces the thread', async () => {
    const pool = new WorkerPool({ threads: 1, timeoutMs: 300 })
    try {
      const reading = rejection(pool.readFeed(feedInput(heavy)))
      // A timer due long before the deadline fires first: the document is read off the event loop.
      const first = await Promise.race([new Promise((resolve) => setTimeout(() => resolve('timer'), 20)), reading.then(() => 'document')])
      expect(first).toBe('timer')
      const err = await reading
      expect(err).toBeInstanceOf(ParseError)
      expect(err).toMatchObject({ code: 'parse_timeout', message: 'parse: reading the document took longer than 300 ms' })
      expect((await pool.readFeed(feedInput(TINY))).items.map((i) => i.title)).toEqual(['One'])
    } finally {
      await pool.close()
    }
  })

  it('fails a document that needs more heap than a thread may use with parse_out_of_memory', async () => {
    const pool = new WorkerPool({ threads: 1, timeoutMs: 120_000, maxHeapMb: 64 })
    try {
      const err = await rejection(pool.readFeed(feedInput(Buffer.from(largeFeed(20_000, 2048)))))
      expect(err).toBeInstanceOf(ParseError)
      expect(err).toMatchObject({ code: 'parse_out_of_memory', message: 'parse: reading the document needed more than 64 MB' })
    } finally {
      await pool.close()
    }
  })
})
