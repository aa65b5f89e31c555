/**
 * `npm run bench:ingest`: end-to-end ingest through the built CLI (`node bin/tributary.js`, as child
 * processes) over the shared workload (../shared/bench: gen_feeds.mjs, served by serve.mjs), on
 * PostgreSQL and on PGlite. Per configuration: import the OPML, then a cold pass (all new), an
 * unchanged pass (all 304) and a round-1 pass (~10% of feeds gained items), making every feed due
 * before each. Next to them, in the same run on the same data, the floors: a plain concurrent GET of
 * every feed, rss-parser alone over every file, and a bulk COPY of the item rows into a bare table.
 *
 *   npm run bench:ingest -- [--feeds 1000] [--seed 42] [--only pg|pglite] [--workers 1,4]
 *                           [--per-host 16] [--port P] [--tributary DIR]
 *
 * `--workers` lists how many `worker --drain` processes run side by side on PostgreSQL (one
 * configuration each; skipped when the build has no `--drain`). The whole workload sits on one host
 * and workers share TRIBUTARY_FETCH_PER_HOST, so it is set to `--per-host` × processes.
 * `--tributary` measures another built checkout's CLI. The PostgreSQL server is BENCH_DATABASE_URL (default the local one); the
 * databases tributary_bench_ingest and tributary_bench_copy_floor are dropped and recreated.
 */
import { mkdirSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { measureFetchFloor, measureParserFloor, measurePgliteCopyFloor, measurePostgresCopyFloor } from './ingest/floors.js'
import { parseOptions, WORK_DIR, type Engine, type IngestOptions } from './ingest/options.js'
import {
  describeProblem,
  runnerLabel,
  runPass,
  runTributary,
  supportsDrain,
  tributaryCli,
  type Configuration,
  type PassResult,
  type TributaryCli,
} from './ingest/passes.js'
import { installCleanup, lockRunDir } from './ingest/processes.js'
import {
  engineName,
  expectedPerFeed,
  floorSum,
  formatPassLine,
  formatRatios,
  formatTable,
  formatVerification,
  seconds,
  verifyItems,
  type FloorSeconds,
} from './ingest/report.js'
import { engineVersion, pgliteTarget, postgresTarget, withClient, type Target } from './ingest/targets.js'
import {
  describeWorkload,
  feedUrls,
  FeedServer,
  generateRound,
  prepareWorkload,
  scanItemsCsv,
  type ExpectedItems,
  type Workload,
} from './ingest/workload.js'

const INGEST_DATABASE = 'tributary_bench_ingest'
const COPY_FLOOR_DATABASE = 'tributary_bench_copy_floor'
const FETCH_FLOOR_CONCURRENCY = 16
const FETCH_FLOOR_ROUNDS = 3

/** The item rows of both rounds, read once. */
interface Expectations {
  readonly round0: ExpectedItems
  readonly round1: ExpectedItems
  readonly afterRound0: ReadonlyMap<number, number>
  readonly afterRound1: ReadonlyMap<number, number>
}

installCleanup()
try {
  await run(parseOptions(process.argv.slice(2)))
} catch (err: unknown) {
  process.stderr.write(`bench:ingest failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exitCode = 1
}

async function run(options: IngestOptions): Promise<void> {
  mkdirSync(WORK_DIR, { recursive: true })
  lockRunDir(WORK_DIR)
  const cli = tributaryCli(options.tributaryDir)
  const port = options.port ?? (await freePort())
  const workload = describeWorkload(WORK_DIR, options.feeds, options.seed, `http://127.0.0.1:${port}`)
  out(`ingest benchmark: ${options.feeds} feeds, seed ${options.seed}; ${os.cpus().length} cores, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; CLI ${cli.dir}`)
  out(`CLI env: TRIBUTARY_FETCH_PER_HOST=${options.perHost} × processes (one host serves the whole workload, workers share the budget), ` +
    `TRIBUTARY_FETCH_CONCURRENCY=${cli.env.TRIBUTARY_FETCH_CONCURRENCY ?? 'default (16)'}, TRIBUTARY_LOG_LEVEL=warn` +
    `${cli.env.PGOPTIONS === undefined ? '' : `, PGOPTIONS=${cli.env.PGOPTIONS}`}`)

  const generateStarted = performance.now()
  const generated = await prepareWorkload(workload)
  const round0 = scanItemsCsv(workload.csvFile)
  const round1 = scanItemsCsv(workload.csvRound1File)
  const expectations: Expectations = {
    round0,
    round1,
    afterRound0: expectedPerFeed(round0),
    afterRound1: expectedPerFeed(round0, round1),
  }
  out(`workload: ${generated.items} items (${round0.rows} rows, ${round0.distinctLinks.size} distinct links), ` +
    `${(generated.bytes / 1e6).toFixed(1)} MB in ${path.relative(process.cwd(), workload.dir)} ` +
    `(generated in ${seconds(performance.now() - generateStarted)} s)`)

  const server = await FeedServer.start(workload.dir, port)
  try {
    const floors = await measureFloors(workload, options.engines, round0)
    const configurations = await chooseConfigurations(cli, options)
    const results: PassResult[] = []
    for (const configuration of configurations) {
      results.push(...(await measureConfiguration(cli, server, workload, configuration, expectations)))
    }
    out('\nresults (wall includes process start and migration check; CPU s = the CLI processes; DB CPU s = the PostgreSQL backends\n' +
      '  serving them (PGlite runs inside the CLI process, so its work is in CPU s);\n' +
      '  feeds/s = feeds due ÷ wall; items/s = new items stored ÷ wall; 200/304 = answers the feed server gave)')
    out(formatTable(results))
    out('\ngoals')
    out(formatRatios(results, floors))
  } finally {
    await server.stop()
  }
}

/** Measures the three floors and prints them with their sum per engine. */
async function measureFloors(workload: Workload, engines: readonly Engine[], round0: ExpectedItems): Promise<FloorSeconds> {
  out('\nfloors (same data, this run)')
  const fetchFloor = await measureFetchFloor(feedUrls(workload), { concurrency: FETCH_FLOOR_CONCURRENCY, rounds: FETCH_FLOOR_ROUNDS })
  out(`  fetch   undici GET of all ${workload.feeds} feeds, ${FETCH_FLOOR_CONCURRENCY} in flight, bodies read: ${seconds(fetchFloor.getMs)} s ` +
    `(${(fetchFloor.bytes / 1e6).toFixed(1)} MB; all-304 pass ${seconds(fetchFloor.conditionalMs)} s, ${fetchFloor.notModified} × 304; median of ${FETCH_FLOOR_ROUNDS})`)
  const files = Array.from({ length: workload.feeds }, (_, index) => path.join(workload.dir, 'feeds', `${String(index + 1).padStart(4, '0')}.xml`))
  const parserFloor = await measureParserFloor(files)
  out(`  parse   rss-parser parseString, sequential, CPU time: ${seconds(parserFloor.cpuMs)} s ` +
    `(${(parserFloor.bytes / 1e6 / (parserFloor.cpuMs / 1000)).toFixed(1)} MB/s${parserFloor.failed > 0 ? `, ${parserFloor.failed} files rejected` : ''})`)
  const copy: Partial<Record<Engine, number>> = {}
  if (engines.includes('pg')) {
    const floor = await measurePostgresCopyFloor(workload.csvFile, COPY_FLOOR_DATABASE)
    copy.pg = floor.ms / 1000
    out(`  store   PostgreSQL psql \\copy of items.csv into a bare table: ${seconds(floor.ms)} s (${floor.rows} rows${checkRows(floor.rows, round0.rows)})`)
  }
  if (engines.includes('pglite')) {
    const floor = await measurePgliteCopyFloor(workload.csvFile, round0.rowEnds, path.join(WORK_DIR, 'pglite-copy-floor'))
    copy.pglite = floor.ms / 1000
    out(`  store   PGlite (on disk) COPY FROM '/dev/blob' into a bare table: ${seconds(floor.ms)} s (${floor.rows} rows${checkRows(floor.rows, round0.rows)})`)
  }
  const floors: FloorSeconds = { fetch: fetchFloor.getMs / 1000, conditional: fetchFloor.conditionalMs / 1000, parse: parserFloor.cpuMs / 1000, copy }
  out(`  sum     ${engines.map((engine) => `${engineName(engine)} ${floorSum(floors, engine).toFixed(2)} s`).join(', ')}`)
  return floors
}

/** `fetch ×1` on every engine asked for, and `worker --drain ×N` on PostgreSQL when the build has it. */
async function chooseConfigurations(cli: TributaryCli, options: IngestOptions): Promise<Configuration[]> {
  const configurations: Configuration[] = []
  if (options.engines.includes('pg')) {
    configurations.push({ engine: 'pg', runner: { command: 'fetch', processes: 1 }, perHost: options.perHost })
    if (await supportsDrain(cli)) {
      for (const processes of options.workers) {
        configurations.push({ engine: 'pg', runner: { command: 'drain', processes }, perHost: options.perHost * processes })
      }
    } else {
      out(`\nnote: this build has no \`worker --drain\`; the PostgreSQL ${options.workers.join('/')}-worker configurations are skipped`)
    }
  }
  if (options.engines.includes('pglite')) {
    configurations.push({ engine: 'pglite', runner: { command: 'fetch', processes: 1 }, perHost: options.perHost })
  }
  return configurations
}

/** Fresh database, import, then the cold, unchanged and round-1 passes, each verified and printed. */
async function measureConfiguration(
  cli: TributaryCli,
  server: FeedServer,
  workload: Workload,
  configuration: Configuration,
  expectations: Expectations,
): Promise<PassResult[]> {
  const target: Target = configuration.engine === 'pg' ? postgresTarget(INGEST_DATABASE) : pgliteTarget(path.join(WORK_DIR, 'pglite-data'))
  out(`\n${engineName(configuration.engine)}, ${runnerLabel(configuration.runner)} (TRIBUTARY_FETCH_PER_HOST=${configuration.perHost})`)
  await target.reset()
  // A previous configuration left round 1 on disk: put round 0 back (only those feeds are rewritten).
  await generateRound(workload, 0, { csv: false })
  const imported = await runTributary(cli, target, ['import', workload.opmlFile])
  const importProblems = describeProblem(imported)
  if (imported.code !== 0) throw new Error(`bench: import failed: ${importProblems.join('\n')}`)
  const version = await withClient(target, engineVersion)
  out(`  import    ${seconds(imported.wallMs)} s, peak RSS ${imported.peakRssMb.toFixed(0)} MB (${version})`)
  printProblems(importProblems)

  const cold = await runPass(cli, target, server, configuration, 'cold', null)
  out(formatPassLine(cold))
  printProblems(cold.problems)
  out(formatVerification('verify cold', verifyItems(cold.after, expectations.afterRound0), `${expectations.round0.rows} rows`))
  out(`  stories   ${cold.after.stories} after cold (workload: ${expectations.round0.distinctLinks.size} distinct links)`)
  printFailures(cold)

  const unchanged = await runPass(cli, target, server, configuration, 'unchanged', cold.after)
  out(formatPassLine(unchanged))
  printProblems(unchanged.problems)
  printFailures(unchanged)

  const round1 = await generateRound(workload, 1, { csv: false })
  const expectedNew = sum(expectations.afterRound1) - sum(expectations.afterRound0)
  out(`  round 1   ${round1.filesChanged} feed files changed, ${expectedNew} new (feed, guid) expected`)
  const changed = await runPass(cli, target, server, configuration, 'changed', unchanged.after)
  out(formatPassLine(changed))
  printProblems(changed.problems)
  out(formatVerification('verify round 1', verifyItems(changed.after, expectations.afterRound1), 'rounds 0 and 1'))
  printFailures(changed)
  await target.dispose()
  return [cold, unchanged, changed]
}

function printProblems(problems: readonly string[]): void {
  for (const problem of problems) out(`  ! ${problem}`)
}

function printFailures(result: PassResult): void {
  if (result.after.failedByCode.size === 0) return
  out(`  ! failing feeds after ${result.pass}: ${[...result.after.failedByCode].map(([code, count]) => `${code} ×${count}`).join(', ')}`)
}

function checkRows(loaded: number, expected: number): string {
  return loaded === expected ? '' : `, expected ${expected} ✗`
}

function sum(map: ReadonlyMap<number, number>): number {
  let total = 0
  for (const value of map.values()) total += value
  return total
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

function out(line: string): void {
  process.stdout.write(`${line}\n`)
}
