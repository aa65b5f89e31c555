import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'

/** This repository: bench/ingest/ sits two levels below it. */
export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The shared workload scripts (gen_feeds.mjs, serve.mjs), next to the repository. */
export const WORKLOAD_SCRIPTS_DIR = path.resolve(REPO_DIR, '../shared/bench')
/** Scratch space for the workload and the embedded databases (.tmp is gitignored). */
export const WORK_DIR = path.join(REPO_DIR, '.tmp/bench-ingest')
/** The PostgreSQL server the benchmarks use (same variable as bench/bench-database.ts). */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Which engines a run covers. */
export type Engine = 'pg' | 'pglite'

/** What `npm run bench:ingest -- …` was asked for, validated. */
export interface IngestOptions {
  readonly feeds: number
  readonly seed: number
  readonly engines: readonly Engine[]
  /** How many `worker --drain` processes to run side by side on PostgreSQL, one configuration each. */
  readonly workers: readonly number[]
  /**
   * Fetches each CLI process may have in flight to the workload's one host (127.0.0.1). Workers share
   * TRIBUTARY_FETCH_PER_HOST across processes, so a configuration of N processes sets it to N × this.
   */
  readonly perHost: number
  /** Port of the feed server; null picks a free one. */
  readonly port: number | null
  /** The checkout whose bin/tributary.js is measured (default: this repository). */
  readonly tributaryDir: string
}

const USAGE = `usage: npm run bench:ingest -- [--feeds N] [--seed S] [--only pg|pglite] [--workers 1,4] [--per-host N] [--port P] [--tributary DIR]`

/** Parses the command line; throws an Error carrying the usage line on anything it does not understand. */
export function parseOptions(argv: readonly string[]): IngestOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      feeds: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      only: { type: 'string' },
      workers: { type: 'string', default: '1,4' },
      'per-host': { type: 'string', default: '16' },
      port: { type: 'string' },
      tributary: { type: 'string', default: REPO_DIR },
    },
    strict: true,
  })
  const only = values.only
  if (only !== undefined && only !== 'pg' && only !== 'pglite') throw new Error(`--only: expected pg or pglite\n${USAGE}`)
  const engines: Engine[] = only === undefined ? ['pg', 'pglite'] : [only]
  return Object.freeze({
    feeds: wholeNumber('--feeds', values.feeds, 1),
    seed: wholeNumber('--seed', values.seed, 0),
    engines,
    workers: values.workers.split(',').filter((part) => part.trim() !== '').map((part) => wholeNumber('--workers', part.trim(), 1)),
    perHost: wholeNumber('--per-host', values['per-host'], 1),
    port: values.port === undefined ? null : wholeNumber('--port', values.port, 1),
    tributaryDir: path.resolve(values.tributary),
  })
}

function wholeNumber(name: string, raw: string, min: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name}: expected a whole number >= ${min}, got "${raw}"\n${USAGE}`)
  return Number(raw)
}
