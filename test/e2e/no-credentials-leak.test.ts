import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, runCli } from '../helpers/run-cli.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/test-database.js'

// Issue 12, "Secrets stay home": a password planted in subscribed URLs (and in the WebSub hub URL)
// is used to fetch, and then appears in no output of the CLI, the HTTP server, the static site or the logs.
const USER = 'reader'
const PASSWORD = 'S3cretPlanted'
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`
// The password itself, and the Authorization value it makes (a log of request headers would show that).
const SECRETS = [PASSWORD, BASIC.slice('Basic '.length)]
const TOKEN = 'admin token for the leak test'
const PUBLIC_URL = 'http://tributary.test'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/feeds')

// Same link as an item of rss2-basic.xml, so one story has copies from two credentialed feeds.
const UNTITLED_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><link>https://untitled.example/</link><description>A feed without a title.</description>
<item><title>River levels rise after spring rain</title><link>https://rss.example.com/posts/river-levels</link>
<guid isPermaLink="false">untitled-1</guid><pubDate>Mon, 06 May 2024 09:15:00 +0000</pubDate>
<description>Levels rose two metres overnight.</description></item>
</channel></rss>`

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files.set(path.relative(dir, file).split(path.sep).join('/'), await fs.readFile(file, 'utf8'))
  }
  return files
}

/** Answers 401 unless the request carries the planted credentials, like a private feed's server. */
function requireBasicAuth(handler: (res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.headers.authorization !== BASIC) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="private"' }).end()
      return
    }
    handler(res)
  }
}

describe.each(testDatabaseKinds())('no credentials leak on %s', { timeout: 240_000 }, (kind) => {
  let tmp: string
  let fixtures: FixtureServer
  let database: TestDatabase | null = null
  let env: Record<string, string>
  /** Every output collected so far, by where it came from. */
  const outputs = new Map<string, string>()

  const planted = (urlPath: string) => `http://${USER}:${PASSWORD}@127.0.0.1:${fixtures.port}${urlPath}`
  const plain = (urlPath: string) => fixtures.url(urlPath)

  async function run(label: string, args: string[]) {
    const result = await runCli(args, env)
    outputs.set(`${label} (stdout)`, result.stdout)
    outputs.set(`${label} (stderr)`, result.stderr)
    return result
  }

  /** The outputs that contain a secret; [] is the only passing answer. */
  function leaks(): string[] {
    return [...outputs].filter(([, text]) => SECRETS.some((secret) => text.includes(secret))).map(([label]) => label)
  }

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tributary-leak-'))
    fixtures = await startFixtureServer()
    const rss = await fs.readFile(path.join(FIXTURES, 'rss2-basic.xml'))
    const json = await fs.readFile(path.join(FIXTURES, 'jsonfeed11-basic.json'))
    fixtures.route('/feed.xml', requireBasicAuth((res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss)))
    fixtures.route('/untitled.xml', requireBasicAuth((res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(UNTITLED_RSS)))
    fixtures.route('/broken.xml', requireBasicAuth((res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance')))
    fixtures.route('/feed.json', requireBasicAuth((res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(json)))
    if (kind === 'postgres') database = await openTestDatabase(kind)
    env = {
      ...(database?.url ? { DATABASE_URL: database.url } : { TRIBUTARY_DATA_DIR: path.join(tmp, 'data') }),
      TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'yes',
      TRIBUTARY_PUBLIC_URL: PUBLIC_URL,
      // Debug logs show every fetch and item: the most log text a secret could hide in.
      TRIBUTARY_LOG_LEVEL: 'debug',
    }
    // The untitled feed's outline is labelled with its URL, as renderOpml writes it: that names nothing.
    await fs.writeFile(path.join(tmp, 'planted.opml'), `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Planted</title></head><body>
<outline text="Private">
  <outline type="rss" text="Private feed" xmlUrl="${planted('/feed.xml')}"/>
  <outline type="rss" text="${planted('/untitled.xml')}" xmlUrl="${planted('/untitled.xml')}"/>
  <outline type="rss" text="Broken" xmlUrl="${planted('/broken.xml')}"/>
  <outline type="rss" text="Bad port" xmlUrl="http://${USER}:${PASSWORD}@127.0.0.1:99999/feed.xml"/>
</outline>
</body></opml>
`)
  })
  afterAll(async () => {
    await fixtures.close()
    await database?.close()
    await fs.rm(tmp, { recursive: true, force: true })
  })

  it('fetches with the planted credentials and keeps them out of every CLI output and published file', async () => {
    expect(await run('import', ['import', path.join(tmp, 'planted.opml')])).toMatchObject({
      code: 0,
      stdout: 'skipped http://***@127.0.0.1:99999/feed.xml: opml: xmlUrl is not an absolute http(s) URL\n' +
        'imported 3 feeds (3 new) into 1 collections: private\n',
    })
    const fetched = await run('fetch', ['fetch'])
    expect(fetched.code).toBe(0)
    expect(fetched.stdout.split('\n').sort()).toEqual([
      '',
      expect.stringMatching(new RegExp(`^feed 1 ${plain('/feed.xml')}: 3 new, 0 updated, 0 unchanged \\(\\d+ ms\\)$`)),
      expect.stringMatching(new RegExp(`^feed 2 ${plain('/untitled.xml')}: 1 new, 0 updated, 0 unchanged \\(\\d+ ms\\)$`)),
      `feed 3 ${plain('/broken.xml')}: failed fetch_server_error: fetch: unexpected status 503 from ${plain('/broken.xml')}`,
      'fetched 3 feeds: 2 ok, 1 failed',
    ])
    // The credentials went where they belong: to the feed's server, as Basic auth.
    const fetches = fixtures.requests.filter((r) => r.url !== '/feed.json')
    expect(fetches.map((r) => [r.url, r.headers.authorization])).toEqual(expect.arrayContaining([
      ['/feed.xml', BASIC], ['/untitled.xml', BASIC], ['/broken.xml', BASIC],
    ]))

    const again = await run('feeds add (already subscribed)', ['feeds', 'add', planted('/feed.xml')])
    expect(again).toMatchObject({ code: 0, stdout: `already subscribed as feed 1: ${plain('/feed.xml')}\n` })
    expect(await run('feeds add (bad port)', ['feeds', 'add', `http://${USER}:${PASSWORD}@127.0.0.1:99999/feed.xml`]))
      .toMatchObject({ code: 2, stderr: 'tributary: feeds: not a URL: "http://***@127.0.0.1:99999/feed.xml"\n' })
    expect(await run('feeds remove (unknown)', ['feeds', 'remove', planted('/nowhere.xml')]))
      .toMatchObject({ code: 2, stderr: `tributary: feeds: no feed ${plain('/nowhere.xml')}\n` })
    expect((await run('fetch --feed', ['fetch', '--feed', planted('/feed.xml')])).stdout).toMatch(new RegExp(`^feed 1 ${plain('/feed.xml')}: 0 new`))

    const listed = JSON.parse((await run('feeds list --json', ['feeds', 'list', '--json'])).stdout) as { url: string; title: string | null }[]
    expect(listed.map((f) => [f.url, f.title])).toEqual([
      [plain('/feed.xml'), 'Private feed'], [plain('/untitled.xml'), null], [plain('/broken.xml'), 'Broken'],
    ])
    await run('feeds list', ['feeds', 'list'])
    const items = JSON.parse((await run('items --json', ['items', '--json'])).stdout) as { items: unknown[] }
    expect(items.items).toHaveLength(4)
    await run('items', ['items'])
    await run('collections list --json', ['collections', 'list', '--json'])

    const exported = await run('export', ['export'])
    expect(exported.code).toBe(0)
    expect(exported.stdout).toContain(`xmlUrl="${plain('/feed.xml')}"`)
    // An untitled feed is labelled with its URL, so the label must be redacted too.
    expect(exported.stdout).toContain(`text="${plain('/untitled.xml')}"`)
    expect((await run('export --collection', ['export', '--collection', 'private'])).stdout).toContain(`xmlUrl="${plain('/broken.xml')}"`)

    for (const format of ['atom', 'rss', 'json']) {
      const published = await run(`publish --format ${format}`, ['publish', 'private', '--format', format])
      expect([published.code, published.stdout]).toEqual([0, expect.stringContaining(plain('/feed.xml'))])
    }
    const site = path.join(tmp, 'site')
    expect((await run('publish --all', ['publish', '--all', '--out-dir', site])).code).toBe(0)
    const files = await readTree(site)
    expect([...files.keys()].sort()).toEqual([
      'collections/all/feed.atom', 'collections/all/feed.json', 'collections/all/feed.rss',
      'collections/private/feed.atom', 'collections/private/feed.json', 'collections/private/feed.rss',
      'feed.xsl', 'index.html', 'subscriptions.opml',
    ])
    for (const [file, text] of files) outputs.set(`publish --all: ${file}`, text)
    expect(files.get('subscriptions.opml')).toContain(`xmlUrl="${plain('/feed.xml')}"`)
    expect(files.get('collections/private/feed.atom')).toContain(`<id>${plain('/feed.xml')}</id>`)

    expect(leaks()).toEqual([])

    // The owner's own backup keeps them, so it can be imported again and still fetch.
    const backup = await runCli(['export', '--with-credentials'], env)
    expect(backup.code).toBe(0)
    for (const feed of ['/feed.xml', '/untitled.xml', '/broken.xml']) expect(backup.stdout).toContain(`xmlUrl="${planted(feed)}"`)
  })

  it('keeps them out of every HTTP answer and the server\'s log', async () => {
    const port = await freePort()
    const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--no-scheduler'], {
      env: {
        PATH: process.env.PATH ?? '',
        ...env,
        TRIBUTARY_ADMIN_TOKEN: TOKEN,
        // The hub's credentials authenticate the pings; published feeds announce the hub without them.
        TRIBUTARY_WEBSUB_HUB: `http://hub:${PASSWORD}@127.0.0.1:${fixtures.port}/hub`,
      },
    })
    let stderr = ''
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const base = `http://127.0.0.1:${port}`
    const get = async (urlPath: string) => {
      const response = await fetch(base + urlPath)
      const body = await response.text()
      outputs.set(`GET ${urlPath}`, body)
      return { status: response.status, body }
    }
    const post = async (urlPath: string, payload: unknown) => {
      const response = await fetch(base + urlPath, {
        method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(payload),
      })
      const body = await response.text()
      outputs.set(`POST ${urlPath} ${JSON.stringify(payload)} → ${response.status}`, body)
      return { status: response.status, json: JSON.parse(body) as Record<string, unknown> }
    }
    try {
      await waitForLine(server, 'tributary serving')

      // Subscribing through the API, then the same URL again (409), and two answers that name a URL.
      const created = await post('/api/feeds', { url: planted('/feed.json'), collections: ['private'] })
      expect([created.status, created.json.url]).toEqual([201, plain('/feed.json')])
      expect(await post('/api/feeds', { url: planted('/feed.json') })).toEqual({
        status: 409, json: { error: { code: 'conflict', message: `feeds: ${plain('/feed.json')} is already subscribed (feed ${String(created.json.id)})` } },
      })
      expect(await post('/api/feeds', { url: `http://${USER}:${PASSWORD}@127.0.0.1:99999/feed.xml` })).toEqual({
        status: 400, json: { error: { code: 'bad_request', message: 'feeds: not a URL: "http://***@127.0.0.1:99999/feed.xml"' } },
      })
      expect(await post('/api/collections', { name: 'other', feeds: [planted('/nowhere.xml')] })).toEqual({
        status: 404, json: { error: { code: 'not_found', message: `feeds: no feed ${plain('/nowhere.xml')}` } },
      })

      const opml = await get('/opml')
      expect(opml.status).toBe(200)
      expect(opml.body).toContain(`xmlUrl="${plain('/feed.xml')}"`)
      expect(opml.body).toContain(`xmlUrl="${plain('/feed.json')}"`)

      const feeds = JSON.parse((await get('/api/feeds')).body) as { id: number; url: string }[]
      expect(feeds.map((f) => f.url)).toEqual(['/feed.xml', '/untitled.xml', '/broken.xml', '/feed.json'].map(plain))
      for (const feed of feeds) expect((await get(`/api/feeds/${feed.id}`)).status).toBe(200)
      const items = JSON.parse((await get('/api/items')).body) as { items: { id: string; story_id: string; feed_id: number }[] }
      expect(items.items).toHaveLength(4)
      for (const item of items.items) expect((await get(`/api/items/${item.id}`)).status).toBe(200)
      await get('/api/collections')
      await get('/api/collections/private')

      const atom = await get('/collections/private/feed.atom')
      expect(atom.status).toBe(200)
      expect(atom.body).toContain(`<id>${plain('/feed.xml')}</id>`)
      expect(atom.body).toContain(`<link rel="self" href="${plain('/feed.xml')}"/>`)
      expect(atom.body).toContain(`<link rel="hub" href="${plain('/hub')}"/>`)
      const rss = await get('/collections/private/feed.rss')
      expect(rss.body).toContain(`<source url="${plain('/feed.xml')}">Private feed</source>`)
      const json = JSON.parse((await get('/collections/private/feed.json')).body) as { items: { _tributary: { sources: { feed_url: string }[] } }[] }
      expect(new Set(json.items.flatMap((i) => i._tributary.sources.map((s) => s.feed_url)))).toEqual(new Set([plain('/feed.xml'), plain('/untitled.xml')]))
      for (const format of ['atom', 'rss', 'json']) {
        expect((await get(`/collections/all/feed.${format}`)).status).toBe(200)
        expect((await get(`/collections/all/feed.${format}?limit=1`)).status).toBe(200)
      }

      for (const page of ['/', '/feeds', '/search?q=river', '/search?feed=2', '/search?q=%22unclosed', '/docs', '/openapi.json', '/metrics', '/feed.xsl']) {
        expect((await get(page)).status).toBe(200)
      }
      const storyIds = new Set(items.items.map((i) => i.story_id.replace(/^urn:uuid:/, '')))
      for (const id of storyIds) expect((await get(`/stories/${id}`)).status).toBe(200)
      expect((await get('/api/feeds/999')).status).toBe(404)
    } finally {
      server.kill('SIGTERM')
    }
    expect(await new Promise((resolve) => server.on('close', resolve))).toBe(0)
    outputs.set('serve (stderr)', stderr)
    // The whole log was captured, to its last line.
    expect(stderr).toContain('"msg":"shutting down"')
    // Only log lines: no process warning, such as fastify's deprecations of options (FSTDEP022, FSTDEP023).
    expect(stderr.split('\n').filter((line) => line !== '' && !line.startsWith('{"level":'))).toEqual([])

    expect(leaks()).toEqual([])
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
