import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli as run } from '../helpers/run-cli.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'

const RSS = path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml')
const ATOM = path.resolve(import.meta.dirname, '../fixtures/feeds/atom10-basic.xml')


describe('WebSub publishing', { timeout: 120_000 }, () => {
  let dataDir: string
  let server: FixtureServer
  let env: Record<string, string>
  const topics: string[] = []

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tributary-websub-'))
    server = await startFixtureServer()
    server.file('/rss.xml', RSS, { 'content-type': 'application/rss+xml' })
    server.file('/atom.xml', ATOM, { 'content-type': 'application/atom+xml' })
    server.route('/hub', (req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        const form = new URLSearchParams(body)
        if (form.get('hub.mode') === 'publish') topics.push(form.get('hub.url') ?? '')
        res.writeHead(204).end()
      })
    })
    env = {
      TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'yes', TRIBUTARY_PUBLIC_URL: 'http://tributary.test',
      TRIBUTARY_WEBSUB_HUB: server.url('/hub'),
    }
  })
  afterAll(async () => {
    await server.close()
    await fs.rm(dataDir, { recursive: true, force: true })
  })

  it('pings the hub once per changed collection and format after a pass, and not when nothing changed', async () => {
    expect((await run(['collections', 'create', 'news'], env)).code).toBe(0)
    expect((await run(['collections', 'create', 'quiet'], env)).code).toBe(0)
    expect((await run(['feeds', 'add', server.url('/rss.xml'), '--collection', 'news'], env)).code).toBe(0)
    expect((await run(['feeds', 'add', server.url('/atom.xml'), '--collection', 'news'], env)).code).toBe(0)

    expect((await run(['fetch'], env)).code).toBe(0)
    expect(topics.sort()).toEqual([
      'http://tributary.test/collections/all/feed.atom', 'http://tributary.test/collections/all/feed.json', 'http://tributary.test/collections/all/feed.rss',
      'http://tributary.test/collections/news/feed.atom', 'http://tributary.test/collections/news/feed.json', 'http://tributary.test/collections/news/feed.rss',
    ])
    topics.length = 0
    expect((await run(['fetch', '--all'], env)).code).toBe(0)
    expect(topics).toEqual([])

    // A static copy names no hub: its files go live after the pings, when Tributary cannot know.
    const published = await run(['publish', 'news', '--format', 'atom'], env)
    expect(published.stdout).toContain('<feed xmlns="http://www.w3.org/2005/Atom"')
    expect(published.stdout).not.toContain('rel="hub"')
  })
})
