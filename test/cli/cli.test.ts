import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, runCli as run } from '../helpers/run-cli.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'

const RSS = path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml')


async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('tributary CLI', { timeout: 120_000 }, () => {
  let dataDir: string
  let fixtures: FixtureServer
  let env: Record<string, string>

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tributary-cli-'))
    fixtures = await startFixtureServer()
    fixtures.file('/rss.xml', RSS, { 'content-type': 'application/rss+xml' })
    fixtures.route('/blog', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(
      '<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">' +
      '<link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json"></head></html>'))
    env = { TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'yes', TRIBUTARY_PUBLIC_URL: 'http://tributary.test' }
  })
  afterAll(async () => {
    await fixtures.close()
    await fs.rm(dataDir, { recursive: true, force: true })
  })

  it('rejects a bad configuration value with one line naming the variable, exit 2', async () => {
    const result = await run(['feeds', 'list'], { ...env, TRIBUTARY_FETCH_CONCURRENCY: 'many' })
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'tributary: TRIBUTARY_FETCH_CONCURRENCY: expected a whole number, got "many"\n' })
  })

  it('rejects an unknown flag and a bad feed URL as usage errors, exit 2', async () => {
    const unknown = await run(['feeds', 'list', '--colour'], env)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("error: unknown option '--colour'")
    const badUrl = await run(['feeds', 'add', 'ftp://example.com/feed'], env)
    expect(badUrl).toMatchObject({ code: 2, stderr: 'tributary: feeds: only http and https URLs can be subscribed, got "ftp:"\n' })
  })

  it('subscribes, fetches, lists items and publishes', async () => {
    const url = fixtures.url('/rss.xml')
    expect(await run(['feeds', 'add', url, '--collection', 'news'], env)).toMatchObject({ code: 0, stdout: `subscribed feed 1: ${url} in news\n` })
    const fetched = await run(['fetch'], env)
    expect(fetched.code).toBe(0)
    expect(fetched.stdout).toMatch(new RegExp(`^feed 1 ${url}: 3 new, 0 updated, 0 unchanged \\(\\d+ ms\\)\\nfetched 1 feeds: 1 ok, 0 failed\\n$`))

    const items = await run(['items', '--json', '--limit', '2'], env)
    expect(items.code).toBe(0)
    const page = JSON.parse(items.stdout) as { items: { title: string; feed_id: number; published_at: string }[]; next_cursor: string | null }
    expect(page.items.map((i) => [i.title, i.feed_id, i.published_at])).toEqual([
      ['Podcast: the history of the mill', 1, '2024-05-08T17:45:00.000Z'],
      ['Town council approves new footbridge', 1, '2024-05-07T12:30:00.000Z'],
    ])
    const next = await run(['items', '--json', '--cursor', page.next_cursor!], env)
    expect((JSON.parse(next.stdout) as typeof page).items.map((i) => i.title)).toEqual(['River levels rise after spring rain'])

    expect(await run(['feeds', 'add', fixtures.url('/blog')], env)).toMatchObject({
      code: 0,
      stdout: `already subscribed as feed 1: ${url}\nthe page also offers: ${fixtures.url('/feed.json')} (JSON)\n`,
    })
    const feeds = JSON.parse((await run(['feeds', 'list', '--json'], env)).stdout) as Record<string, unknown>[]
    expect(feeds).toHaveLength(1)
    expect(feeds[0]).toMatchObject({ id: 1, url, title: 'Tributary RSS Fixture', site_url: 'https://rss.example.com/', collections: ['news'], item_count: 3, last_error: null, error_count: 0, disabled_reason: null })

    const atom = await run(['publish', 'news', '--format', 'atom'], env)
    expect(atom.code).toBe(0)
    expect(atom.stdout).toContain('<link rel="self" href="http://tributary.test/collections/news/feed.atom"')
    expect(atom.stdout.match(/<entry>/g)).toHaveLength(3)
  })

  it('creates and changes a collection\'s filters, and rejects a bad age as a usage error', async () => {
    expect(await run(['collections', 'create', 'digest', '--title', 'Digest', '--include', 'river, footbridge', '--max-age', '7d'], env))
      .toMatchObject({ code: 0, stdout: 'created collection digest\n' })
    expect(await run(['collections', 'add-feed', 'digest', '1'], env)).toMatchObject({ code: 0, stdout: 'added feed 1 to digest\n' })
    expect(await run(['collections', 'update', 'digest', '--max-age', 'none', '--per-source-cap', '2', '--no-merge-near-duplicates'], env))
      .toMatchObject({ code: 0, stdout: 'updated collection digest\n' })
    const listed = JSON.parse((await run(['collections', 'list', '--json'], env)).stdout) as Record<string, unknown>[]
    expect(listed.find((c) => c.name === 'digest')).toEqual({
      name: 'digest', title: 'Digest', description: null, include: ['river', 'footbridge'], exclude: [], merge_near_duplicates: false,
      source_priority: [], max_age_seconds: null, per_source_cap: 2, feed_count: 1,
    })
    const published = await run(['publish', 'digest', '--format', 'json'], env)
    expect((JSON.parse(published.stdout) as { items: { title: string }[] }).items.map((i) => i.title))
      .toEqual(['Town council approves new footbridge', 'River levels rise after spring rain'])
    expect(await run(['collections', 'remove-feed', 'digest', '1'], env)).toMatchObject({ code: 0, stdout: 'removed feed 1 from digest\n' })
    const badAge = await run(['collections', 'update', 'digest', '--max-age', '7 days'], env)
    expect(badAge.code).toBe(2)
    expect(badAge.stderr).toContain("error: option '--max-age <age>' argument '7 days' is invalid. use a number with a unit: 90m, 36h, 7d or 2w (or \"none\")")
  })

  it('rejects a cursor out of range and an impossible date as usage errors, exit 2', async () => {
    // A time beyond what JS Date holds: once a runtime failure (exit 1) deep in the query.
    const cursor = Buffer.from('9999999999999999.1').toString('base64url')
    expect(await run(['items', '--cursor', cursor], env)).toMatchObject({ code: 2, stdout: '', stderr: `tributary: cursor: invalid cursor "${cursor}"\n` })
    expect(await run(['items', '--since', '2024-06-30T23:59:60Z'], env)).toMatchObject({
      code: 2, stdout: '', stderr: 'tributary: --since: "2024-06-30T23:59:60Z" is not a real time: leap seconds (second 60) cannot be stored; use 59\n',
    })
    expect(await run(['items', '--until', '2025-02-29'], env)).toMatchObject({
      code: 2, stdout: '', stderr: 'tributary: --until: "2025-02-29" is not a real time: month 2 of year 2025 has 28 days\n',
    })
  })

  it('refuses a second process on the embedded data dir while serve holds it, and loses nothing', async () => {
    const port = await freePort()
    const serve = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--no-scheduler'], {
      env: { PATH: process.env.PATH ?? '', ...env, TRIBUTARY_LOG_LEVEL: 'warn' },
    })
    try {
      await waitForLine(serve, 'tributary serving')
      const refused = await run(['feeds', 'add', 'https://other.example/feed'], env)
      expect(refused.code).toBe(1)
      expect(refused.stderr).toBe(`tributary: the embedded database in ${dataDir} is in use by process ${serve.pid} (tributary serve); ` +
        'stop that process first, use its HTTP API, or set DATABASE_URL to a PostgreSQL server\n')
      const response = await fetch(`http://127.0.0.1:${port}/collections/news/feed.json`)
      expect(response.status).toBe(200)
      expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(3)
    } finally {
      serve.kill('SIGTERM')
    }
    expect(await new Promise((resolve) => serve.on('close', resolve))).toBe(0)
    const after = JSON.parse((await run(['feeds', 'list', '--json'], env)).stdout) as { url: string }[]
    expect(after.map((f) => f.url)).toEqual([fixtures.url('/rss.xml')])
  })
})

function waitForLine(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (seen.includes(text)) resolve()
    })
    child.on('close', (code) => reject(new Error(`exited with ${code} before printing "${text}"`)))
  })
}
