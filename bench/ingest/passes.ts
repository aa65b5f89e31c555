import { existsSync } from 'node:fs'
import path from 'node:path'
import { BackendCpuMonitor } from './backend-cpu.js'
import type { Engine } from './options.js'
import { runMeasured, type ProcessRun } from './processes.js'
import { countStore, makeAllFeedsDue, withClient, type StoreCounts, type Target } from './targets.js'
import type { FeedServer, ServerStats } from './workload.js'

/** The three passes of the issue: all new, all 304, round 1 (~10% of feeds changed). */
export type PassName = 'cold' | 'unchanged' | 'changed'

/** How a pass is driven: one `tributary fetch`, or N `tributary worker --drain` side by side. */
export interface Runner {
  readonly command: 'fetch' | 'drain'
  readonly processes: number
}

/** One engine × runner configuration, measured over the three passes. */
export interface Configuration {
  readonly engine: Engine
  readonly runner: Runner
  /** TRIBUTARY_FETCH_PER_HOST for its processes: a budget all workers share, and the workload has one host. */
  readonly perHost: number
}

/** A built Tributary to run as child processes (`node bin/tributary.js …`). */
export interface TributaryCli {
  readonly dir: string
  readonly env: NodeJS.ProcessEnv
}

/** What one pass took and did. */
export interface PassResult {
  readonly configuration: Configuration
  readonly pass: PassName
  readonly wallMs: number
  readonly feeds: number
  readonly newItems: number
  readonly served: Pick<ServerStats, 'ok' | 'notModified' | 'notFound'>
  /** Peak RSS of each process of the pass, MB. */
  readonly peakRssMb: readonly number[]
  /** Feeds each process reports it fetched (its closing `fetched N feeds: …` line), null where it printed none. */
  readonly feedsByProcess: readonly (number | null)[]
  /** User + system CPU time of all the pass's processes together, ms (the database server's not included). */
  readonly cpuMs: number
  /** CPU time of the PostgreSQL backends serving the pass, ms; null on PGlite (in-process, inside `cpuMs`). */
  readonly serverCpuMs: number | null
  readonly after: StoreCounts
  /** A line per process that exited non-zero or wrote to stderr. */
  readonly problems: readonly string[]
}

/** The CLI in `dir`, with the environment every run shares (loopback workload, quiet logs). */
export function tributaryCli(dir: string): TributaryCli {
  if (!existsSync(path.join(dir, 'bin/tributary.js')) || !existsSync(path.join(dir, 'dist/src/cli/main.js'))) {
    throw new Error(`bench: no built Tributary in ${dir} (bin/tributary.js, dist/): run npm run build there`)
  }
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.DATABASE_URL
  delete env.TRIBUTARY_DATA_DIR
  return {
    dir,
    env: {
      ...env,
      TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'true',
      TRIBUTARY_LOG_LEVEL: 'warn',
    },
  }
}

/** Runs `bin/tributary.js args…` against `target` and measures it. */
export function runTributary(cli: TributaryCli, target: Target, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<ProcessRun> {
  return runMeasured(process.execPath, [path.join(cli.dir, 'bin/tributary.js'), ...args], { cwd: cli.dir, env: { ...cli.env, ...target.env, ...env } })
}

/** True when this build has `worker --drain` (claim due feeds with leases until none is due, exit 0). */
export async function supportsDrain(cli: TributaryCli): Promise<boolean> {
  const run = await runMeasured(process.execPath, [path.join(cli.dir, 'bin/tributary.js'), 'worker', '--help'], { cwd: cli.dir, env: cli.env })
  return run.stdout.includes('--drain')
}

/** A short name for a configuration: `fetch ×1`, `worker --drain ×4`. */
export function runnerLabel(runner: Runner): string {
  return `${runner.command === 'fetch' ? 'fetch' : 'worker --drain'} ×${runner.processes}`
}

/**
 * Makes every feed due, then runs one pass with the configuration's processes all started at once;
 * wall time runs from the first spawn to the last exit. Counts what the server served and what the
 * database holds afterwards.
 */
export async function runPass(
  cli: TributaryCli,
  target: Target,
  server: FeedServer,
  configuration: Configuration,
  pass: PassName,
  before: StoreCounts | null,
): Promise<PassResult> {
  await withClient(target, makeAllFeedsDue)
  const statsBefore = await server.stats()
  const args = configuration.runner.command === 'fetch' ? ['fetch'] : ['worker', '--drain']
  const monitor = target.serverDatabase === null ? null : await BackendCpuMonitor.start(target.serverDatabase)
  const started = performance.now()
  const env = { TRIBUTARY_FETCH_PER_HOST: String(configuration.perHost) }
  const runs = await Promise.all(Array.from({ length: configuration.runner.processes }, () => runTributary(cli, target, args, env)))
  const wallMs = performance.now() - started
  const serverCpuMs = monitor === null ? null : await monitor.stop()
  const statsAfter = await server.stats()
  const after = await withClient(target, countStore)
  return {
    configuration,
    pass,
    wallMs,
    feeds: after.feeds,
    newItems: after.items - (before?.items ?? 0),
    served: {
      ok: statsAfter.ok - statsBefore.ok,
      notModified: statsAfter.notModified - statsBefore.notModified,
      notFound: statsAfter.notFound - statsBefore.notFound,
    },
    peakRssMb: runs.map((run) => run.peakRssMb),
    feedsByProcess: runs.map((run) => {
      const match = /^fetched (\d+) feeds:/m.exec(run.stdout)
      return match?.[1] === undefined ? null : Number(match[1])
    }),
    cpuMs: runs.reduce((sum, run) => sum + run.cpuMs, 0),
    serverCpuMs,
    after,
    problems: runs.flatMap(describeProblem),
  }
}

const PROGRESS_LINE = /^\w+ \d+\/\d+ \w+$/
const SHOWN_PROBLEM_KINDS = 5

/**
 * A line for a process that exited non-zero or wrote to stderr: its status and its stderr lines
 * grouped by kind (pino JSON lines by message and error message), with counts.
 */
export function describeProblem(run: ProcessRun): string[] {
  // Off a terminal, import and fetch print plain progress lines ("fetched 120/1000 feeds") on stderr.
  const lines = run.stderr.split('\n').filter((line) => line.trim() !== '' && !PROGRESS_LINE.test(line))
  if (run.code === 0 && lines.length === 0) return []
  const kinds = new Map<string, number>()
  for (const line of lines) kinds.set(problemKind(line), (kinds.get(problemKind(line)) ?? 0) + 1)
  const shown = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, SHOWN_PROBLEM_KINDS)
  const rest = kinds.size - shown.length
  return [
    `pid ${run.pid} exited ${run.code ?? run.signal}${lines.length === 0 ? '' : `, ${lines.length} stderr lines:`}` +
      shown.map(([kind, count]) => `\n    ${count} × ${kind}`).join('') +
      (rest > 0 ? `\n    … ${rest} more kinds` : ''),
  ]
}

function problemKind(line: string): string {
  try {
    // pino lines: `err` is a serialized Error (level error) or a plain message (level warn), `code` a stable error code.
    const entry = JSON.parse(line) as { msg?: string; code?: string; err?: string | { type?: string; message?: string; code?: string } }
    const err = typeof entry.err === 'string' ? entry.err : entry.err === undefined ? ''
      : `${entry.err.message || entry.err.type || ''}${entry.err.code === undefined ? '' : ` (${entry.err.code})`}`
    return `${entry.msg ?? '?'}${entry.code === undefined ? '' : ` [${entry.code}]`}${err === '' ? '' : `: ${err}`}`.slice(0, 300)
  } catch {
    return line.slice(0, 300)
  }
}
