import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../src/errors.js'
import { HubNotifier } from '../../src/websub/index.js'
import type { HubNotifierOptions } from '../../src/websub/index.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import type { FixtureServer } from '../helpers/fixture-server.js'

/** One publish ping as the fixture hub received it. */
interface Ping {
  readonly method: string
  readonly headers: IncomingHttpHeaders
  readonly form: URLSearchParams
  readonly atMs: number
}

type Answer = (ping: Ping, res: ServerResponse) => void

const TOPIC_A = 'https://tributary.example/c/news/feed.atom'
const TOPIC_B = 'https://tributary.example/c/tech/feed.atom'
const TOPIC_C = 'https://tributary.example/c/tech/feed.json'
const WAIT = { timeout: 10_000, interval: 10 }

let server: FixtureServer
let pings: Ping[]
let logs: Record<string, unknown>[]
let notifier: HubNotifier | null

beforeEach(async () => {
  server = await startFixtureServer()
  pings = []
  logs = []
  notifier = null
})

afterEach(async () => {
  await notifier?.close(1_000)
  await server.close()
})

/** Serves /hub, recording each ping and answering it with `answer` (204 unless told). */
function hub(answer: Answer = (_ping, res) => void res.writeHead(204).end()): void {
  server.route('/hub', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const ping = {
        method: req.method ?? '',
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
        atMs: performance.now(),
      }
      pings.push(ping)
      answer(ping, res)
    })
  })
}

function createNotifier(options: Partial<HubNotifierOptions> = {}): HubNotifier {
  const log = pino({ level: 'debug', base: undefined }, { write: (line: string) => void logs.push(JSON.parse(line)) })
  notifier = new HubNotifier({ hubUrl: server.url('/hub'), log, userAgent: 'Tributary/test', backoffMs: 5, ...options })
  return notifier
}

function topicsOf(list: readonly Ping[]): string[] {
  return list.map((ping) => ping.form.get('hub.url') ?? '').sort()
}

function logsWith(msg: string): Record<string, unknown>[] {
  return logs.filter((entry) => entry.msg === msg)
}

describe('HubNotifier', () => {
  it('POSTs a form-encoded hub.mode=publish ping with hub.url set to the topic', async () => {
    hub()
    createNotifier().notify([TOPIC_A])
    await vi.waitFor(() => expect(logsWith('websub hub notified')).toHaveLength(1), WAIT)

    expect(pings).toHaveLength(1)
    const [ping] = pings
    expect(ping?.method).toBe('POST')
    expect(ping?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(ping?.headers['user-agent']).toBe('Tributary/test')
    expect([...(ping?.form.entries() ?? [])]).toEqual([
      ['hub.mode', 'publish'],
      ['hub.url', TOPIC_A],
    ])
    expect(logsWith('websub hub notified')[0]).toMatchObject({
      level: 30,
      hub_url: server.url('/hub'),
      topic_url: TOPIC_A,
      http_status: 204,
      attempts: 1,
    })
  })

  it('sends each topic at least delayMs after it was notified, and close() sends what waits at once', async () => {
    hub()
    const delayed = createNotifier({ delayMs: 600 })
    const started = performance.now()
    delayed.notify([TOPIC_A])
    await new Promise((resolve) => setTimeout(resolve, 100))
    const second = performance.now()
    delayed.notify([TOPIC_B])
    await vi.waitFor(() => expect(pings).toHaveLength(2), WAIT)
    expect(pings.map((p) => p.form.get('hub.url'))).toEqual([TOPIC_A, TOPIC_B])
    expect(pings[0]!.atMs - started).toBeGreaterThanOrEqual(590)
    expect(pings[1]!.atMs - second).toBeGreaterThanOrEqual(590)

    const held = createNotifier({ delayMs: 60_000 })
    held.notify([TOPIC_C])
    await held.close()
    expect(topicsOf(pings)).toEqual([TOPIC_A, TOPIC_B, TOPIC_C])
  })

  it('sends one request per topic, and one per distinct topic for a synchronous burst', async () => {
    hub()
    const hubNotifier = createNotifier()
    hubNotifier.notify([TOPIC_A, TOPIC_B])
    hubNotifier.notify([TOPIC_B, TOPIC_C])
    hubNotifier.notify(new Set([TOPIC_A]))
    await hubNotifier.close()

    expect(topicsOf(pings)).toEqual([TOPIC_A, TOPIC_B, TOPIC_C])
    expect(pings.every((ping) => [...ping.form.keys()].length === 2)).toBe(true)
  })

  it('merges notify() calls made while a ping is in flight into exactly one next batch', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    hub((ping, res) => {
      // Only the very first ping waits, so the next five calls land while it is in flight.
      const wait = pings.indexOf(ping) === 0 ? held : Promise.resolve()
      void wait.then(() => res.writeHead(204).end())
    })
    const hubNotifier = createNotifier()
    hubNotifier.notify([TOPIC_A])
    await vi.waitFor(() => expect(pings).toHaveLength(1), WAIT)

    hubNotifier.notify([TOPIC_A, TOPIC_B])
    hubNotifier.notify([TOPIC_B])
    hubNotifier.notify([TOPIC_C, TOPIC_A])
    hubNotifier.notify([])
    hubNotifier.notify([TOPIC_C])
    // Still held: nothing else may have been sent while the first ping is in flight.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(pings).toHaveLength(1)

    release()
    await hubNotifier.close()
    expect(pings).toHaveLength(4)
    expect(topicsOf(pings.slice(0, 1))).toEqual([TOPIC_A])
    expect(topicsOf(pings.slice(1))).toEqual([TOPIC_A, TOPIC_B, TOPIC_C])
    expect(logsWith('websub hub notified')).toHaveLength(4)
  })

  it('retries after a 503 and succeeds on the second request', async () => {
    hub((ping, res) => void res.writeHead(pings.indexOf(ping) === 0 ? 503 : 202).end('queued'))
    const hubNotifier = createNotifier()
    hubNotifier.notify([TOPIC_A])
    await vi.waitFor(() => expect(logsWith('websub hub notified')).toHaveLength(1), WAIT)
    await hubNotifier.close()

    expect(pings).toHaveLength(2)
    expect(topicsOf(pings)).toEqual([TOPIC_A, TOPIC_A])
    expect(logsWith('websub ping failed, retrying')[0]).toMatchObject({ http_status: 503, attempts: 1 })
    expect(logsWith('websub hub notified')[0]).toMatchObject({ http_status: 202, attempts: 2 })
  })

  it('waits at least the Retry-After seconds of a 429 before retrying', async () => {
    hub((ping, res) => {
      if (pings.indexOf(ping) === 0) res.writeHead(429, { 'retry-after': '1' }).end()
      else res.writeHead(204).end()
    })
    const hubNotifier = createNotifier({ backoffMs: 1 })
    hubNotifier.notify([TOPIC_A])
    await vi.waitFor(() => expect(logsWith('websub hub notified')).toHaveLength(1), WAIT)

    expect(pings).toHaveLength(2)
    // Only a lower bound: a loaded machine may be late, never early (a small margin for clock rounding).
    expect((pings[1]?.atMs ?? 0) - (pings[0]?.atMs ?? 0)).toBeGreaterThanOrEqual(950)
    expect(logsWith('websub ping failed, retrying')[0]).toMatchObject({ http_status: 429, delay_ms: 1000 })
  })

  it.each([
    ['a 400', 400, {}],
    ['a 404', 404, {}],
    ['a redirect, which would turn the POST into a GET', 302, { location: '/elsewhere' }],
  ])('does not retry %s and logs it as an error', async (_name, status, headers) => {
    hub((_ping, res) => void res.writeHead(status, headers).end('no'))
    const hubNotifier = createNotifier()
    hubNotifier.notify([TOPIC_A])
    await hubNotifier.close()

    expect(pings).toHaveLength(1)
    expect(server.requests.map((request) => request.url)).toEqual(['/hub'])
    expect(logsWith('websub hub rejected publish ping')).toEqual([
      expect.objectContaining({ level: 50, http_status: status, topic_url: TOPIC_A, attempts: 1 }),
    ])
    expect(logsWith('websub hub notified')).toEqual([])
  })

  it('gives up after the configured retries and logs a warning', async () => {
    hub((_ping, res) => void res.writeHead(500).end())
    const hubNotifier = createNotifier({ retries: 2 })
    hubNotifier.notify([TOPIC_A])
    await hubNotifier.close()

    expect(pings).toHaveLength(3)
    expect(logsWith('websub hub notification failed')).toEqual([
      expect.objectContaining({ level: 40, http_status: 500, attempts: 3, topic_url: TOPIC_A }),
    ])
  })

  it('retries a request that times out', async () => {
    // The first ping never gets an answer; the server's close() destroys its socket afterwards.
    hub((ping, res) => {
      if (pings.indexOf(ping) !== 0) res.writeHead(204).end()
    })
    const hubNotifier = createNotifier({ timeoutMs: 200, retries: 1 })
    hubNotifier.notify([TOPIC_A])
    await hubNotifier.close()

    expect(pings).toHaveLength(2)
    expect(logsWith('websub ping failed, retrying')[0]).toMatchObject({ http_status: null, attempts: 1 })
    expect(logsWith('websub hub notified')[0]).toMatchObject({ attempts: 2 })
  })

  it('close() flushes pings queued just before it', async () => {
    hub()
    const hubNotifier = createNotifier()
    hubNotifier.notify([TOPIC_A])
    hubNotifier.notify([TOPIC_B])
    await hubNotifier.close()

    expect(topicsOf(pings)).toEqual([TOPIC_A, TOPIC_B])
    expect(logsWith('websub hub notified')).toHaveLength(2)
  })

  it('close() stops waiting at its deadline and logs the ping as failed', async () => {
    hub((_ping, res) => void res.writeHead(503, { 'retry-after': '30' }).end())
    const hubNotifier = createNotifier()
    hubNotifier.notify([TOPIC_A])
    await vi.waitFor(() => expect(logsWith('websub ping failed, retrying')).toHaveLength(1), WAIT)

    const started = performance.now()
    await hubNotifier.close(100)
    // Generous bound: the point is that it does not wait out the 30 s Retry-After.
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(pings).toHaveLength(1)
    expect(logsWith('websub hub notification failed')).toEqual([
      expect.objectContaining({ level: 40, http_status: 503, attempts: 1 }),
    ])
  })

  it('ignores notify() after close()', async () => {
    hub()
    const hubNotifier = createNotifier()
    await hubNotifier.close()
    hubNotifier.notify([TOPIC_A])
    await new Promise((resolve) => setTimeout(resolve, 50))

    expect(pings).toEqual([])
    expect(logsWith('websub notify after close ignored')).toHaveLength(1)
  })

  it('sends hub URL credentials as Basic auth and never logs them', async () => {
    hub()
    const hubUrl = server.url('/hub').replace('http://', 'http://pub%20lisher:s3cr%40t@')
    const hubNotifier = createNotifier({ hubUrl })
    hubNotifier.notify([TOPIC_A])
    await hubNotifier.close()

    expect(pings[0]?.headers.authorization).toBe(`Basic ${Buffer.from('pub lisher:s3cr@t').toString('base64')}`)
    expect(logs).not.toHaveLength(0)
    expect(JSON.stringify(logs)).not.toMatch(/s3cr|lisher/)
  })

  it.each([
    ['not a URL', 'hub'],
    ['an ftp URL', 'ftp://hub.example/'],
    ['a URL with credentials but no host', 'mailto:user:secret@hub.example'],
  ])('throws websub_invalid_hub_url for %s, without echoing credentials', (_name, hubUrl) => {
    const create = (): HubNotifier => createNotifier({ hubUrl })
    expect(create).toThrow(AppError)
    expect(create).toThrow(expect.objectContaining({ code: 'websub_invalid_hub_url' }))
    expect(create).not.toThrow(/secret/)
  })
})
