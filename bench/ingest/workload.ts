import type { ChildProcess } from 'node:child_process'
import { readFileSync, renameSync } from 'node:fs'
import path from 'node:path'
import { WORKLOAD_SCRIPTS_DIR } from './options.js'
import { runMeasured, startService, stopProcess } from './processes.js'

/** One generated workload: DIR/feeds/NNNN.xml, DIR/feeds.opml and the item rows of rounds 0 and 1. */
export interface Workload {
  readonly dir: string
  readonly feeds: number
  readonly seed: number
  readonly baseUrl: string
  readonly opmlFile: string
  /** Item rows of round 0 (what the cold ingest sees), no header: feed, guid, link, title, date, author, html. */
  readonly csvFile: string
  /** Item rows of round 1 (kept apart so that items.csv stays round 0). */
  readonly csvRound1File: string
}

/** What gen_feeds.mjs reports on its last line. */
export interface GenerateSummary {
  readonly items: number
  readonly bytes: number
  readonly filesChanged: number
}

/** Describes the workload for `feeds` feeds of `seed` in `workDir`, served at `baseUrl`. */
export function describeWorkload(workDir: string, feeds: number, seed: number, baseUrl: string): Workload {
  const dir = path.join(workDir, `feeds-n${feeds}-s${seed}`)
  return {
    dir,
    feeds,
    seed,
    baseUrl,
    opmlFile: path.join(dir, 'feeds.opml'),
    csvFile: path.join(dir, 'items.csv'),
    csvRound1File: path.join(dir, 'items-round1.csv'),
  }
}

/**
 * Writes round `round` of the workload into its dir with gen_feeds.mjs. Only files whose content
 * changes are rewritten, so the server's validators (size + mtime) stay put for the others.
 * With `csv`, items.csv is rewritten too. Throws if the generator fails.
 */
export async function generateRound(workload: Workload, round: number, options: { csv: boolean }): Promise<GenerateSummary> {
  const args = [
    path.join(WORKLOAD_SCRIPTS_DIR, 'gen_feeds.mjs'),
    '--n', String(workload.feeds),
    '--seed', String(workload.seed),
    '--round', String(round),
    '--out', workload.dir,
    '--base-url', workload.baseUrl,
  ]
  if (options.csv) args.push('--csv')
  const run = await runMeasured(process.execPath, args, { cwd: path.dirname(workload.dir), env: process.env })
  if (run.code !== 0) throw new Error(`bench: gen_feeds.mjs failed (${run.code ?? run.signal}):\n${run.stderr}`)
  const last = run.stdout.trim().split('\n').at(-1) ?? '{}'
  return JSON.parse(last) as GenerateSummary
}

/**
 * Generates the workload so that the dir holds round 0 with items.csv of round 0, and
 * items-round1.csv holds round 1's rows (for the expected counts after the changed pass).
 */
export async function prepareWorkload(workload: Workload): Promise<GenerateSummary> {
  await generateRound(workload, 1, { csv: true })
  renameSync(workload.csvFile, workload.csvRound1File)
  return generateRound(workload, 0, { csv: true })
}

/** serve.mjs's request counters (GET /__stats). */
export interface ServerStats {
  readonly requests: number
  readonly ok: number
  readonly notModified: number
  readonly notFound: number
  readonly bytes: number
}

/** The shared static feed server (serve.mjs), which re-reads files per request. */
export class FeedServer {
  readonly #child: ChildProcess
  readonly #baseUrl: string

  private constructor(child: ChildProcess, baseUrl: string) {
    this.#child = child
    this.#baseUrl = baseUrl
  }

  /** Starts serve.mjs on 127.0.0.1:`port` over `dir`; resolves once it listens. */
  static async start(dir: string, port: number): Promise<FeedServer> {
    const child = await startService(
      process.execPath,
      [path.join(WORKLOAD_SCRIPTS_DIR, 'serve.mjs'), '--dir', dir, '--port', String(port)],
      /serving .* on http/,
      { cwd: dir },
    )
    return new FeedServer(child, `http://127.0.0.1:${port}`)
  }

  /** The counters so far. The stats request counts itself in `requests`; ok/304/404 are exact. */
  async stats(): Promise<ServerStats> {
    const response = await fetch(`${this.#baseUrl}/__stats`)
    return (await response.json()) as ServerStats
  }

  /** Stops the server. */
  stop(): Promise<void> {
    return stopProcess(this.#child)
  }
}

/** What the item rows of one round say a complete ingest must hold. */
export interface ExpectedItems {
  readonly rows: number
  /** Distinct guids per feed number: our store keys items by guid within a feed (dedupe/item-keys.ts). */
  readonly guidsByFeed: ReadonlyMap<number, ReadonlySet<string>>
  readonly distinctLinks: ReadonlySet<string>
  /** Byte offset just past each row, to cut the file into COPY chunks on row boundaries. */
  readonly rowEnds: readonly number[]
}

const QUOTE = 0x22
const COMMA = 0x2c
const NEWLINE = 0x0a

/**
 * Reads gen_feeds.mjs's items.csv (every field quoted, `""` inside, newlines allowed inside quotes)
 * and returns the rows, per-feed guids and links. Throws on a row with fewer than three fields.
 */
export function scanItemsCsv(file: string): ExpectedItems {
  const bytes = readFileSync(file)
  const guidsByFeed = new Map<number, Set<string>>()
  const distinctLinks = new Set<string>()
  const rowEnds: number[] = []
  let fields: string[] = []
  let fieldStart = 0
  let quoted = false
  const field = (end: number): string => {
    const raw = bytes.toString('utf8', fieldStart, end)
    return raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw
  }
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]
    if (byte === QUOTE) {
      // A doubled quote inside a quoted field is an escaped quote, not the end of the field.
      if (quoted && bytes[at + 1] === QUOTE) at++
      else quoted = !quoted
    } else if (!quoted && (byte === COMMA || byte === NEWLINE)) {
      // Only feed, guid and link are needed; the rest of the row is skipped unread.
      if (fields.length < 3) fields.push(field(at))
      fieldStart = at + 1
      if (byte === NEWLINE) {
        const [feed, guid, link] = fields
        if (feed === undefined || guid === undefined || link === undefined) throw new Error(`bench: short row in ${file} at byte ${at}`)
        const guids = guidsByFeed.get(Number(feed)) ?? new Set<string>()
        guids.add(guid)
        guidsByFeed.set(Number(feed), guids)
        distinctLinks.add(link)
        rowEnds.push(at + 1)
        fields = []
      }
    }
  }
  return { rows: rowEnds.length, guidsByFeed, distinctLinks, rowEnds }
}

/** The feed number in a workload URL (…/feeds/0042.xml → 42), or null for anything else. */
export function feedNumberOf(url: string): number | null {
  const match = /\/feeds\/(\d+)\.xml$/.exec(url)
  return match?.[1] === undefined ? null : Number(match[1])
}

/** The URL of every feed of the workload, in feed order. */
export function feedUrls(workload: Workload): string[] {
  return Array.from({ length: workload.feeds }, (_, index) => `${workload.baseUrl}/feeds/${String(index + 1).padStart(4, '0')}.xml`)
}
