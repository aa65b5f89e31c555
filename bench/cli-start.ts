/**
 * CLI start benchmark: how long the built CLI (`node bin/tributary.js`; run `npm run build` first)
 * takes, as cron pays it on every pass. Wall time from spawn to exit of `--help` and `feeds list`
 * (embedded PGlite in a temporary data dir, and PostgreSQL), and for `fetch --all` also the time
 * from spawn to its first HTTP request, the first useful work of a fetch. Goal: ≤ 250 ms to first
 * useful work for every command. Rounds are interleaved, so a busy machine slows every command
 * alike; the median of CLI_START_RUNS runs (default 10) is reported, with the fastest and slowest.
 * Two floors are timed the same way: `node -e 0` (Node itself) and a process that only opens the
 * embedded database (PGlite's WASM start and data-dir open, which no change to Tributary removes).
 * CLI_START_BIN=/path/to/bin/tributary.js times another build (e.g. a worktree of an older commit).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { BENCH_SERVER_URL, dropBenchDatabase, freshBenchDatabase } from './bench-database.js'

const BIN = path.resolve(process.env.CLI_START_BIN ?? path.join(import.meta.dirname, '../bin/tributary.js'))
const PGLITE = import.meta.resolve('@electric-sql/pglite')
const DB_NAME = 'tributary_bench_cli_start'
const RUNS = Number(process.env.CLI_START_RUNS ?? 10)
const GOAL_MS = 250
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Start</title><link>https://start.example/</link>
<item><title>One</title><link>https://start.example/1</link><guid>1</guid></item></channel></rss>`
const ETAG = '"start-1"'

interface Case {
  readonly name: string
  readonly args: readonly string[]
  /** A script for `node -e` instead of the CLI (the floors). */
  readonly script?: boolean
  readonly env: Readonly<Record<string, string>>
  /** Also time the first HTTP request the run makes. */
  readonly firstRequest?: boolean
}

interface Sample {
  readonly totalMs: number
  readonly firstRequestMs: number | null
}

/** A feed server on 127.0.0.1 that reports when each request arrives. */
async function startFeedServer(onRequest: () => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    onRequest()
    if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end()
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG }).end(FEED)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/feed.xml`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** Runs the CLI (or `node -e script`) once; throws with its stderr when it exits non-zero. */
function runCli(args: readonly string[], env: Readonly<Record<string, string>>, script = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, script ? ['--input-type=module', '-e', ...args] : [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const totalMs = performance.now() - started
      if (code === 0) resolve(totalMs)
      else reject(new Error(`tributary ${args.join(' ')} exited with ${code}: ${stderr}`))
    })
  })
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const ms = (n: number) => n.toFixed(0)

/** Runs the CLI start benchmark and prints one table row per command. */
export async function run(): Promise<void> {
  let requestedAt: number | null = null
  const feedServer = await startFeedServer(() => (requestedAt ??= performance.now()))
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tributary-bench-cli-start-'))
  const serverUrl = new URL(BENCH_SERVER_URL)
  serverUrl.pathname = `/${DB_NAME}`
  try {
    await (await freshBenchDatabase(DB_NAME)).close()
    const pglite = { TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'yes' }
    const postgres = { DATABASE_URL: serverUrl.toString(), TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'yes' }
    // Untimed: creates and migrates the embedded database, and subscribes one feed on each.
    await runCli(['feeds', 'add', feedServer.url], pglite)
    await runCli(['feeds', 'add', feedServer.url], postgres)
    const openPglite = `const { PGlite } = await import(${JSON.stringify(PGLITE)}); const db = new PGlite({ dataDir: ${
      JSON.stringify(path.join(dataDir, 'pgdata'))} }); await db.query('select 1'); await db.close()`
    const cases: readonly Case[] = [
      { name: 'floor: node -e 0', args: ['0'], env: {}, script: true },
      { name: 'floor: open PGlite, select 1, close', args: [openPglite], env: {}, script: true },
      { name: '--help', args: ['--help'], env: {} },
      { name: 'feeds list (PGlite)', args: ['feeds', 'list'], env: pglite },
      { name: 'feeds list (PostgreSQL)', args: ['feeds', 'list'], env: postgres },
      { name: 'fetch --all (PGlite)', args: ['fetch', '--all'], env: pglite, firstRequest: true },
      { name: 'fetch --all (PostgreSQL)', args: ['fetch', '--all'], env: postgres, firstRequest: true },
    ]
    const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]))
    for (let round = 0; round < RUNS; round++) {
      for (const c of cases) {
        requestedAt = null
        const started = performance.now()
        const totalMs = await runCli(c.args, c.env, c.script === true)
        const firstRequestMs = c.firstRequest === true && requestedAt !== null ? requestedAt - started : null
        samples.get(c.name)!.push({ totalMs, firstRequestMs })
      }
    }
    process.stdout.write(`${BIN}: ${RUNS} runs each, ${os.availableParallelism()} cores; goal ≤ ${GOAL_MS} ms to first useful work\n\n`)
    process.stdout.write('| command | median to exit (ms) | min | max | median to first HTTP request (ms) |\n|---|---|---|---|---|\n')
    for (const c of cases) {
      const runs = samples.get(c.name)!
      const totals = runs.map((s) => s.totalMs)
      const firsts = runs.flatMap((s) => (s.firstRequestMs === null ? [] : [s.firstRequestMs]))
      const first = c.firstRequest === true ? (firsts.length === runs.length ? ms(median(firsts)) : 'no request') : ''
      process.stdout.write(`| ${c.name} | ${ms(median(totals))} | ${ms(Math.min(...totals))} | ${ms(Math.max(...totals))} | ${first} |\n`)
    }
  } finally {
    await feedServer.close()
    await fs.rm(dataDir, { recursive: true, force: true })
    await dropBenchDatabase(DB_NAME)
  }
}
