import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import Parser from 'rss-parser'
import { Agent, fetch } from 'undici'
import { runMeasured } from './processes.js'
import { dropServerDatabase, openPglite, openServerClient, recreateServerDatabase, serverUrl } from './targets.js'

/** The bare table the COPY floor loads: the columns of items.csv, no keys, no indexes. */
const FLOOR_TABLE_SQL = `create table items_floor (
  feed integer, guid text, link text, title text, published_at timestamptz, author text, content_html text
)`

/** Wall times of plain concurrent GETs of every URL: all bodies, then all conditional (304). */
export interface FetchFloor {
  readonly getMs: number
  readonly conditionalMs: number
  readonly bytes: number
  readonly notModified: number
}

/**
 * GETs every URL with undici at `concurrency` in flight, reading each body fully; then again with
 * If-None-Match from the first answers. `rounds` of each, median reported. Throws on a non-200/304.
 */
export async function measureFetchFloor(urls: readonly string[], options: { concurrency: number; rounds: number }): Promise<FetchFloor> {
  const dispatcher = new Agent({ connections: options.concurrency })
  const etags = new Map<string, string>()
  const getTimes: number[] = []
  const conditionalTimes: number[] = []
  let bytes = 0
  let notModified = 0
  try {
    for (let round = 0; round < options.rounds; round++) {
      let roundBytes = 0
      getTimes.push(await timed(() => eachConcurrently(urls, options.concurrency, async (url) => {
        const response = await fetch(url, { dispatcher })
        const body = await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`bench: GET ${url}: status ${response.status}`)
        roundBytes += body.byteLength
        etags.set(url, response.headers.get('etag') ?? '')
      })))
      bytes = roundBytes
      let roundNotModified = 0
      conditionalTimes.push(await timed(() => eachConcurrently(urls, options.concurrency, async (url) => {
        const response = await fetch(url, { dispatcher, headers: { 'if-none-match': etags.get(url) ?? '' } })
        await response.arrayBuffer()
        if (response.status === 304) roundNotModified++
        else if (response.status !== 200) throw new Error(`bench: conditional GET ${url}: status ${response.status}`)
      })))
      notModified = roundNotModified
    }
  } finally {
    await dispatcher.close()
  }
  return { getMs: median(getTimes), conditionalMs: median(conditionalTimes), bytes, notModified }
}

/** CPU time of rss-parser's parseString over every file, one after another, and how many it rejected. */
export interface ParserFloor {
  readonly cpuMs: number
  readonly bytes: number
  readonly failed: number
}

/**
 * Reads each file, then parses it with a fresh rss-parser (as bench/parse.ts does); only the
 * decode + parse is timed, in this process's CPU time (process.cpuUsage), so other load on the
 * machine does not count.
 */
export async function measureParserFloor(files: readonly string[]): Promise<ParserFloor> {
  let cpuMicros = 0
  let bytes = 0
  let failed = 0
  for (const file of files) {
    const content = readFileSync(file)
    bytes += content.length
    const started = process.cpuUsage()
    const ok = await new Parser().parseString(content.toString('utf8')).then(() => true, () => false)
    const { user, system } = process.cpuUsage(started)
    cpuMicros += user + system
    if (!ok) failed++
  }
  return { cpuMs: cpuMicros / 1000, bytes, failed }
}

/** Wall time of one bulk COPY of the item rows into the bare table, and the rows it loaded. */
export interface CopyFloor {
  readonly ms: number
  readonly rows: number
}

/** PostgreSQL: `psql \copy items_floor from FILE csv` into a fresh database `databaseName`, timed around psql. */
export async function measurePostgresCopyFloor(csvFile: string, databaseName: string): Promise<CopyFloor> {
  await recreateServerDatabase(databaseName)
  try {
    const client = await openServerClient(databaseName)
    try {
      await client.query(FLOOR_TABLE_SQL)
    } finally {
      await client.close()
    }
    // gen_feeds.mjs writes no header line, so no `header` option.
    const run = await runMeasured('psql', [serverUrl(databaseName), '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy items_floor from '${csvFile}' csv`], {
      cwd: path.dirname(csvFile),
      env: process.env,
    })
    if (run.code !== 0) throw new Error(`bench: psql \\copy failed (${run.code ?? run.signal}):\n${run.stderr}`)
    const check = await openServerClient(databaseName)
    try {
      const [row] = await check.query<{ count: number }>('select count(*)::int as count from items_floor')
      return { ms: run.wallMs, rows: row?.count ?? 0 }
    } finally {
      await check.close()
    }
  } finally {
    await dropServerDatabase(databaseName)
  }
}

/** A PGlite blob this large or less per COPY: the whole file of a big workload would not fit PGlite's 32-bit memory. */
const PGLITE_COPY_CHUNK_BYTES = 64 * 1024 * 1024

/**
 * PGlite: `COPY items_floor FROM '/dev/blob'` (the `blob` query option) into a fresh on-disk
 * cluster in `pgdata`, cut on row boundaries into chunks of at most 64 MiB; the COPYs are timed.
 */
export async function measurePgliteCopyFloor(csvFile: string, rowEnds: readonly number[], pgdata: string): Promise<CopyFloor> {
  rmSync(pgdata, { recursive: true, force: true })
  const client = await openPglite(pgdata)
  try {
    await client.query(FLOOR_TABLE_SQL)
    const bytes = readFileSync(csvFile)
    let ms = 0
    let chunkStart = 0
    let previousEnd = 0
    const copy = async (end: number): Promise<void> => {
      const blob = new Blob([bytes.subarray(chunkStart, end)])
      ms += await timed(() => client.pglite.query(`copy items_floor from '/dev/blob' with (format csv)`, [], { blob }))
      chunkStart = end
    }
    for (const end of rowEnds) {
      if (end - chunkStart > PGLITE_COPY_CHUNK_BYTES && previousEnd > chunkStart) await copy(previousEnd)
      previousEnd = end
    }
    if (previousEnd > chunkStart) await copy(previousEnd)
    const [row] = await client.query<{ count: number }>('select count(*)::int as count from items_floor')
    return { ms, rows: row?.count ?? 0 }
  } finally {
    await client.close()
    rmSync(pgdata, { recursive: true, force: true })
  }
}

async function eachConcurrently<T>(inputs: readonly T[], concurrency: number, work: (input: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < inputs.length) {
      const input = inputs[next++] as T
      await work(input)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, lane))
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}
