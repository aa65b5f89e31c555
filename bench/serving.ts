/**
 * Serving benchmark (issue 6, "Performance"): a 50-entry merged Atom feed from a store of 100k stories
 * on PostgreSQL, served by the real app (buildApp) on 127.0.0.1. Requests per second and latency for a
 * full response (gzip, as feed readers ask, and identity) and for a 304 revalidation, next to a route
 * on the same server that answers a static buffer of the same bytes and headers; and the first byte of
 * a collection's first request after start against a warm one, each timed alone. Load comes from
 * autocannon in a child process, so it does not share the server's event loop; rounds are interleaved
 * and the best round of each scenario is reported (the machine is shared). Goals: full ≥ 0.5 × static,
 * 304 ≥ 0.8 × static, cold first byte < 2 × warm.
 */
import { spawn } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../src/db/index.js'
import { silentLogger } from '../src/log/index.js'
import { createMetrics } from '../src/metrics/index.js'
import { buildApp } from '../src/server/index.js'
import { dropBenchDatabase, freshBenchDatabase } from './bench-database.js'

const STORIES = 100_000
const FEEDS = 200
const COLLECTIONS = 20
const FEEDS_PER_COLLECTION = 40
const DB_NAME = 'tributary_bench_serving'
const CONNECTIONS = 10
const SECONDS = 8
const ROUNDS = 2
const WARM_SAMPLES = 50
// Requests of one collection before the first of the others: the server's code is then compiled
// (JIT), so what the others measure is a collection being cold, not the process.
const PROCESS_WARM_UP = 20
const IDLE_MS = 2500
// Between first-byte samples, so each request is timed on an otherwise idle server rather than
// behind work the one before it left (a render in the background).
const PAUSE_MS = 100
const READER_ACCEPT = 'application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, */*;q=0.1'
const GOALS = { full: 0.5, notModified: 0.8, coldOverWarm: 2 }

const collectionName = (n: number) => `c${String(n).padStart(2, '0')}`
const feedPath = (n: number, query = '') => `/collections/${collectionName(n)}/feed.atom${query}`

type Coding = 'gzip' | 'identity'

/** A response as it went over the wire: body bytes exactly as sent (still compressed) and its headers. */
interface WireResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
}

interface LoadResult {
  readonly requestsPerSecond: number
  readonly mean: number
  readonly p50: number
  readonly p99: number
  readonly statuses: string
}

/** Runs the serving benchmark and prints the throughput and first-byte tables. */
export async function run(): Promise<void> {
  const handle = await freshBenchDatabase(DB_NAME)
  try {
    const started = Date.now()
    await seed(handle.db)
    process.stdout.write(`loaded ${STORIES.toLocaleString('en')} stories in ${COLLECTIONS} collections in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)

    const app = buildApp({
      db: handle.db,
      config: { publicUrl: 'https://planet.example', adminToken: null, feedMaxAgeSeconds: 300, websubHub: null, feedIconUrl: null },
      resolveFeed: async () => { throw new Error('the serving benchmark never subscribes') },
      metrics: createMetrics({ queueLagSeconds: async () => 0 }),
    }, silentLogger())
    // The floor: the same bytes and headers as the feed route sent, from memory, on the same server.
    const statics = new Map<Coding, WireResponse>()
    app.get<{ Params: { coding: Coding } }>('/bench/static/:coding', async (request, reply) => {
      const copy = statics.get(request.params.coding)!
      return reply.headers(copy.headers).send(copy.body)
    })
    const starting = performance.now()
    await app.listen({ host: '127.0.0.1', port: 0 })
    process.stdout.write(`listening ${((performance.now() - starting) / 1000).toFixed(2)} s after listen() was called (the app's onReady work included)\n`)
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const client = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const firstBytes = await measureFirstBytes(origin)
      for (const coding of ['gzip', 'identity'] as const) {
        const response = await request(origin + feedPath(1), client, readerHeaders(coding))
        if (response.status !== 200) throw new Error(`serving bench: the feed answered ${response.status}`)
        statics.set(coding, { ...response, headers: withoutConnectionHeaders(response.headers) })
      }
      const etag = statics.get('gzip')!.headers.etag!
      process.stdout.write(`document: ${statics.get('identity')!.body.length.toLocaleString('en')} bytes, ` +
        `${statics.get('gzip')!.body.length.toLocaleString('en')} gzip; etag ${etag}\n`)

      const scenarios: Record<string, { path: string; headers: Record<string, string> }> = {
        'static buffer, gzip bytes': { path: '/bench/static/gzip', headers: readerHeaders('gzip') },
        'full GET, gzip': { path: feedPath(1), headers: readerHeaders('gzip') },
        'static buffer, identity bytes': { path: '/bench/static/identity', headers: readerHeaders('identity') },
        'full GET, identity': { path: feedPath(1), headers: readerHeaders('identity') },
        '304 (If-None-Match), gzip': { path: feedPath(1), headers: { ...readerHeaders('gzip'), 'if-none-match': etag } },
      }
      await load(origin + feedPath(1), readerHeaders('gzip'), 3)
      const best = new Map<string, LoadResult>()
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, scenario] of Object.entries(scenarios)) {
          const result = await load(origin + scenario.path, scenario.headers, SECONDS)
          if ((best.get(name)?.requestsPerSecond ?? -1) < result.requestsPerSecond) best.set(name, result)
        }
      }
      printThroughput(best)
      printFirstBytes(firstBytes)
    } finally {
      client.destroy()
      await app.close()
    }
  } finally {
    await handle.close()
    await dropBenchDatabase(DB_NAME)
  }
}

/**
 * 200 feeds; 100k stories, one every five minutes back from now, each carried by one feed and every
 * third by a second feed too (so entries merge sources); collections of 40 feeds each. Generated
 * inside PostgreSQL so loading takes seconds; the text is drawn word by word from a small vocabulary
 * so that it compresses about as well as prose rather than as a repeated phrase.
 */
async function seed(db: Kysely<Database>): Promise<void> {
  const now = new Date()
  const words = sql.lit('{council,election,results,market,river,school,budget,storm,team,museum,train,hospital,energy,festival,court,minister,climate,police,library,harbour,bridge,farmers,league,vaccine}')
  await sql`insert into feeds (url, title, site_url)
    select 'https://feed' || n || '.example/rss', 'Feed ' || n, 'https://feed' || n || '.example/' from generate_series(1, ${FEEDS}::int) n`.execute(db)
  await sql`insert into stories (published_at, updated_at)
    select ${now}::timestamptz - n * interval '5 minutes', ${now}::timestamptz - n * interval '5 minutes'
    from generate_series(1, ${STORIES}::int) n`.execute(db)
  for (const copy of [0, 1]) {
    await sql`
      with w as (select ${words}::text[] as list)
      insert into items (feed_id, story_id, item_key, guid, url, canonical_url, title, author, summary, content_html,
        published_at, content_hash, first_seen_at, categories, match_rule)
      select 1 + (n + ${copy * 37}) % ${FEEDS}, n, 'guid:' || n || ':' || ${copy}, 'g' || n || '-' || ${copy},
        'https://feed' || (1 + (n + ${copy * 37}) % ${FEEDS}) || '.example/' || n, 'https://news.example/' || n,
        initcap(w.list[1 + n % 24]) || ' ' || w.list[1 + (n / 7) % 24] || ' ' || w.list[1 + (n / 13) % 24] || ' news ' || n,
        'Reporter ' || (n % 97),
        'Report on the ' || w.list[1 + (n / 3) % 24] || ' and the ' || w.list[1 + (n / 5) % 24] || ' as the ' || w.list[1 + (n / 11) % 24] || ' meets again.',
        '<p>' || (select string_agg(w.list[1 + get_byte(decode(md5(n || '.' || i), 'hex'), 0) % 24], ' ') from generate_series(1, 120) i) || '.</p>',
        ${now}::timestamptz - n * interval '5 minutes', md5(n::text || ${copy}), ${now}::timestamptz,
        jsonb_build_array(w.list[1 + n % 24], w.list[1 + (n / 31) % 24]), ${copy === 0 ? 'first' : 'canonical_url'}
      from generate_series(1, ${STORIES}::int) n, w
      where ${copy} = 0 or n % 3 = 0`.execute(db)
  }
  await sql`insert into collections (name, title, description)
    select 'c' || lpad(k::text, 2, '0'), 'Collection ' || k, 'Forty feeds merged' from generate_series(1, ${COLLECTIONS}::int) k`.execute(db)
  await sql`insert into collection_feeds (collection_id, feed_id)
    select c.id, 1 + ((k - 1) * 10 + j) % ${FEEDS}
    from generate_series(1, ${COLLECTIONS}::int) k
    join collections c on c.name = 'c' || lpad(k::text, 2, '0')
    cross join generate_series(0, ${FEEDS_PER_COLLECTION - 1}::int) j`.execute(db)
  await sql`analyze`.execute(db)
}

interface FirstBytes {
  /** The first requests this process serves, all of collection 1: its code runs for the first time. */
  readonly processStart: readonly number[]
  /** The first request of each other collection after start. */
  readonly cold: readonly number[]
  /** One document asked again and again. */
  readonly warm: readonly number[]
  /** Collections asked again after IDLE_MS without a request. */
  readonly idle: readonly number[]
  /** Documents of a limit never asked before (?limit=49). */
  readonly unseen: readonly number[]
}

// The first-byte client, run as its own process: in this one, its reads would wait behind whatever the
// server does after answering (a render in the background), which a reader elsewhere never does.
// Argument: { origin, headers, pauseMs, steps: [name, idleMsBefore, paths][] }; prints { name: ms[] }.
const FIRST_BYTE_CLIENT = `
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
const { origin, headers, pauseMs, steps } = JSON.parse(process.argv[1])
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const firstByteMs = (path) => new Promise((resolve, reject) => {
  const t0 = performance.now()
  http.get(origin + path, { agent, headers }, (res) => {
    const ms = performance.now() - t0
    res.on('end', () => res.statusCode === 200 ? resolve(ms) : reject(new Error(path + ' answered ' + res.statusCode))).resume()
  }).on('error', reject)
})
const times = {}
for (const [name, idleMsBefore, paths] of steps) {
  await sleep(idleMsBefore)
  times[name] = []
  for (const path of paths) {
    await sleep(pauseMs)
    times[name].push(await firstByteMs(path))
  }
}
agent.destroy()
process.stdout.write(JSON.stringify(times))
`

/** First-byte times in milliseconds, one request at a time over a kept-alive connection, PAUSE_MS apart. */
async function measureFirstBytes(origin: string): Promise<FirstBytes> {
  const others = Array.from({ length: COLLECTIONS - 2 }, (_, i) => i + 3)
  const steps: [keyof FirstBytes, number, string[]][] = [
    ['processStart', 0, Array.from({ length: PROCESS_WARM_UP }, () => feedPath(1))],
    ['cold', 0, [feedPath(2), ...others.map((n) => feedPath(n))]],
    ['warm', 0, Array.from({ length: WARM_SAMPLES }, () => feedPath(2))],
    ['idle', IDLE_MS, others.map((n) => feedPath(n))],
    ['unseen', 0, others.map((n) => feedPath(n, '?limit=49'))],
  ]
  const argument = JSON.stringify({ origin, headers: readerHeaders('gzip'), pauseMs: PAUSE_MS, steps })
  return JSON.parse(await runNode(['--input-type=module', '-e', FIRST_BYTE_CLIENT, argument])) as FirstBytes
}

/** Runs node with `args` and returns what it printed; throws when it fails. */
async function runNode(args: string[]): Promise<string> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`serving bench: node ${args[0]} exited with ${code}`)
  return output
}

function readerHeaders(coding: Coding): Record<string, string> {
  return coding === 'gzip' ? { accept: READER_ACCEPT, 'accept-encoding': 'gzip' } : { accept: READER_ACCEPT }
}

function request(url: string, agent: http.Agent, headers: Record<string, string>): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks),
      }))
    }).on('error', reject)
  })
}

// Set by the server per response or per connection, not part of the representation.
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'])

function withoutConnectionHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CONNECTION_HEADERS.has(name)))
}

/** Runs autocannon against `url` in a child process and returns its summary. */
async function load(url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult> {
  const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js')
  const args = [cli, '--json', '-n', '-c', String(CONNECTIONS), '-d', String(seconds)]
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`)
  const summary = JSON.parse(await runNode([...args, url])) as {
    requests: { average: number }
    latency: { mean: number; p50: number; p99: number }
    errors: number
    timeouts: number
    statusCodeStats?: Record<string, { count: number }>
  }
  if (summary.errors > 0 || summary.timeouts > 0) throw new Error(`serving bench: ${summary.errors} errors, ${summary.timeouts} timeouts on ${url}`)
  const statuses = Object.entries(summary.statusCodeStats ?? {}).map(([status, { count }]) => `${count} × ${status}`).join(', ')
  return { requestsPerSecond: summary.requests.average, mean: summary.latency.mean, p50: summary.latency.p50, p99: summary.latency.p99, statuses }
}

function printThroughput(best: ReadonlyMap<string, LoadResult>): void {
  const figure = (name: string) => best.get(name)!.requestsPerSecond
  const ratios: Record<string, { over: string; goal: number }> = {
    'full GET, gzip': { over: 'static buffer, gzip bytes', goal: GOALS.full },
    'full GET, identity': { over: 'static buffer, identity bytes', goal: GOALS.full },
    '304 (If-None-Match), gzip': { over: 'static buffer, gzip bytes', goal: GOALS.notModified },
  }
  process.stdout.write(`\n${CONNECTIONS} connections, ${SECONDS} s per run, best of ${ROUNDS} interleaved rounds; latency percentiles in whole ms (autocannon)\n\n`)
  process.stdout.write('| scenario | req/s | mean | p50 | p99 | ÷ static | goal | responses |\n|---|---|---|---|---|---|---|---|\n')
  for (const [name, result] of best) {
    const ratio = ratios[name]
    const cells = ratio === undefined
      ? ['', '']
      : [(figure(name) / figure(ratio.over)).toFixed(2), `≥ ${ratio.goal} ${figure(name) / figure(ratio.over) >= ratio.goal ? 'met' : 'MISSED'}`]
    process.stdout.write(`| ${name} | ${Math.round(result.requestsPerSecond).toLocaleString('en')} | ${result.mean.toFixed(2)} ms | ${result.p50} ms | ${result.p99} ms | ${cells.join(' | ')} | ${result.statuses} |\n`)
  }
}

function printFirstBytes(times: FirstBytes): void {
  const median = (samples: readonly number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!
  const max = (samples: readonly number[]) => Math.max(...samples)
  const warm = median(times.warm)
  const rows: [string, readonly number[]][] = [
    ['first request of the process (collection 1)', times.processStart.slice(0, 1)],
    [`requests 2 to ${PROCESS_WARM_UP} of the process (collection 1)`, times.processStart.slice(1)],
    [`cold: first request of a collection after start (${times.cold.length} collections)`, times.cold],
    [`warm: one document asked again (${times.warm.length} requests)`, times.warm],
    [`after ${IDLE_MS / 1000} s without a request (${times.idle.length} collections)`, times.idle],
    [`a document never asked before, ?limit=49 (${times.unseen.length})`, times.unseen],
  ]
  process.stdout.write(`\nfirst byte (status line and headers), gzip, one request at a time ${PAUSE_MS} ms apart\n\n`)
  process.stdout.write('| request | median | max | ÷ warm median |\n|---|---|---|---|\n')
  for (const [name, samples] of rows) {
    process.stdout.write(`| ${name} | ${median(samples).toFixed(2)} ms | ${max(samples).toFixed(2)} ms | ${(median(samples) / warm).toFixed(2)} |\n`)
  }
  const ratio = median(times.cold) / warm
  process.stdout.write(`\ncold ÷ warm: ${ratio.toFixed(2)} (goal < ${GOALS.coldOverWarm}: ${ratio < GOALS.coldOverWarm ? 'met' : 'MISSED'})\n`)
}
