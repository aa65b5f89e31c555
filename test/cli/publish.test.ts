import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FEED_STYLESHEET } from '../../src/publish/index.js'
import { runCli as run } from '../helpers/run-cli.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'

const RSS = path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml')
// A static host often serves a site below a path: every link must keep it.
const PUBLIC_URL = 'https://static.example/planet'


async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort()
}

describe('tributary publish', { timeout: 120_000 }, () => {
  let tmp: string
  let fixtures: FixtureServer
  let env: Record<string, string>

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tributary-publish-'))
    fixtures = await startFixtureServer()
    fixtures.file('/rss.xml', RSS, { 'content-type': 'application/rss+xml' })
    env = {
      TRIBUTARY_DATA_DIR: path.join(tmp, 'data'),
      TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'yes',
      TRIBUTARY_PUBLIC_URL: PUBLIC_URL,
      TRIBUTARY_FEED_ICON_URL: `${PUBLIC_URL}/icon.png`,
      TRIBUTARY_WEBSUB_HUB: 'https://hub.example/',
    }
    expect((await run(['feeds', 'add', fixtures.url('/rss.xml'), '--collection', 'news'], env)).code).toBe(0)
    expect((await run(['fetch'], env)).code).toBe(0)
  })
  afterAll(async () => {
    await fixtures.close()
    await fs.rm(tmp, { recursive: true, force: true })
  })

  it('writes every collection in every format, the stylesheet, index.html and the OPML, linked where they will be hosted', async () => {
    const site = path.join(tmp, 'site')
    const result = await run(['publish', '--all', '--out-dir', site], env)
    expect(result).toEqual({ code: 0, stdout: `wrote 2 collections × 3 formats, feed.xsl, index.html and subscriptions.opml to ${site}\n`, stderr: '' })
    expect(await listFiles(site)).toEqual([
      'collections/all/feed.atom', 'collections/all/feed.json', 'collections/all/feed.rss',
      'collections/news/feed.atom', 'collections/news/feed.json', 'collections/news/feed.rss',
      'feed.xsl', 'index.html', 'subscriptions.opml',
    ])
    const read = (file: string) => fs.readFile(path.join(site, file), 'utf8')

    const atom = await read('collections/news/feed.atom')
    const self = `${PUBLIC_URL}/collections/news/feed.atom`
    expect(atom).toContain(`<link rel="self" href="${self}"/>`)
    // One standalone document: a static host answers no cursor, so there is no previous or next page.
    expect(atom.match(/<link rel="(first|previous|next)"[^>]*>/g)).toEqual([`<link rel="first" href="${self}"/>`])
    expect(atom.match(/<entry>/g)).toHaveLength(3)
    // No hub: the copied files go live after any ping Tributary could send.
    expect(atom).not.toContain('rel="hub"')
    expect(atom).toContain(`<icon>${PUBLIC_URL}/icon.png</icon>`)
    const stylesheet = /<\?xml-stylesheet href="([^"]+)" type="text\/xsl"\?>/.exec(atom)?.[1]
    expect(new URL(stylesheet!, self).href).toBe(`${PUBLIC_URL}/feed.xsl`)
    expect(await read('feed.xsl')).toBe(FEED_STYLESHEET)

    const rss = await read('collections/all/feed.rss')
    expect(rss.match(/<atom:link [^>]*rel="(self|first|previous|next)"[^>]*>/g)).toEqual([
      `<atom:link rel="first" href="${PUBLIC_URL}/collections/all/feed.rss"/>`,
      `<atom:link href="${PUBLIC_URL}/collections/all/feed.rss" rel="self" type="application/rss+xml"/>`,
    ])
    const json = JSON.parse(await read('collections/news/feed.json')) as Record<string, unknown>
    expect([json.feed_url, json.home_page_url, json.next_url, json._tributary])
      .toEqual([`${PUBLIC_URL}/collections/news/feed.json`, `${PUBLIC_URL}/`, undefined, { first_url: `${PUBLIC_URL}/collections/news/feed.json` }])

    const index = await read('index.html')
    for (const format of ['atom', 'rss', 'json']) {
      expect(index).toContain(`<a href="${PUBLIC_URL}/collections/news/feed.${format}">`)
      expect(index).toContain(`<link rel="alternate" type="application/${format === 'json' ? 'feed+json' : `${format}+xml`}" title="All feeds (`)
    }
    expect(index).toContain('<a href="subscriptions.opml">OPML of all subscriptions</a>')
    expect(index).toContain('Tributary RSS Fixture</a> (<a href="')
    expect(index.match(/href="\/[^"]*"/g)).toBeNull()
    expect(await read('subscriptions.opml')).toContain(`xmlUrl="${fixtures.url('/rss.xml')}"`)
  })

  it('writes one collection in one format to a file, as one standalone document', async () => {
    const out = path.join(tmp, 'news.rss')
    expect(await run(['publish', 'news', '--format', 'rss', '--out', out], env)).toEqual({ code: 0, stdout: '', stderr: '' })
    const rss = await fs.readFile(out, 'utf8')
    expect(rss).toContain(`<atom:link rel="first" href="${PUBLIC_URL}/collections/news/feed.rss"/>`)
    expect(rss).not.toContain('rel="next"')
    expect(rss.match(/<item>/g)).toHaveLength(3)
  })

  it.each([
    [['publish', '--all'], 'tributary: publish --all needs --out-dir DIR\n'],
    [['publish', 'news', '--all', '--out-dir', 'x'], 'tributary: publish --all takes no collection name\n'],
    [['publish', 'news', '--format', 'xml'], 'tributary: --format: expected rss, atom or json, got "xml"\n'],
    [['publish', 'nope', '--format', 'rss'], 'tributary: collections: no collection "nope"\n'],
  ])('rejects %j as a usage error, exit 2', async (args, stderr) => {
    expect(await run(args, env)).toEqual({ code: 2, stdout: '', stderr })
  })
})
