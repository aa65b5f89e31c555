import type { Engine } from './options.js'
import { runnerLabel, type Configuration, type PassResult } from './passes.js'
import type { StoreCounts } from './targets.js'
import { feedNumberOf, type ExpectedItems } from './workload.js'

/** Goals from the ingest issue (13). */
export const GOALS = Object.freeze({
  coldOverFloors: 2.5, unchangedOverConditionalFloor: 3, changedSeconds: 2, pgliteOverPostgres: 1.5, peakRssMb: 384,
})

/** The floors measured in this run, seconds; `copy` per engine that was measured. */
export interface FloorSeconds {
  readonly fetch: number
  /** The all-304 pass of the fetch floor. */
  readonly conditional: number
  readonly parse: number
  readonly copy: Partial<Record<Engine, number>>
}

/** What the floors add up to for one engine: fetch + rss-parser + COPY. */
export function floorSum(floors: FloorSeconds, engine: Engine): number {
  return floors.fetch + floors.parse + (floors.copy[engine] ?? Number.NaN)
}

const ENGINE_NAMES: Record<Engine, string> = { pg: 'PostgreSQL', pglite: 'PGlite' }

/** The engine's name as the report spells it. */
export function engineName(engine: Engine): string {
  return ENGINE_NAMES[engine]
}

/** One configuration and pass as a short line, printed as soon as the pass ends. */
export function formatPassLine(result: PassResult): string {
  const { served } = result
  const failed = sumValues(result.after.failedByCode)
  const serverCpu = result.serverCpuMs === null ? '' : `, server backends ${seconds(result.serverCpuMs)} s`
  return `  ${result.pass.padEnd(9)} ${seconds(result.wallMs)} s (CPU: CLI ${seconds(result.cpuMs)} s${serverCpu}), ${result.newItems} new items, ` +
    `served ${served.ok}×200 ${served.notModified}×304${served.notFound > 0 ? ` ${served.notFound}×404` : ''}, ` +
    `peak RSS ${result.peakRssMb.map((mb) => mb.toFixed(0)).join('/')} MB` +
    `${result.feedsByProcess.length > 1 ? `, feeds per process ${result.feedsByProcess.map((feeds) => feeds ?? '?').join('/')}` : ''}` +
    `${failed > 0 ? `, ${failed} feeds failing` : ''}`
}

/** The results table: engine × processes × pass. */
export function formatTable(results: readonly PassResult[]): string {
  const header = ['database', 'processes', 'pass', 'wall s', 'CPU s', 'DB CPU s', 'feeds/s', 'items/s', 'new items', '200/304', 'peak RSS MB', 'failing']
  const rows = results.map((result) => {
    const wallSeconds = result.wallMs / 1000
    const peak = Math.max(...result.peakRssMb)
    return [
      engineName(result.configuration.engine),
      runnerLabel(result.configuration.runner),
      result.pass,
      wallSeconds.toFixed(2),
      seconds(result.cpuMs),
      result.serverCpuMs === null ? '(in CPU)' : seconds(result.serverCpuMs),
      (result.feeds / wallSeconds).toFixed(0),
      (result.newItems / wallSeconds).toFixed(0),
      String(result.newItems),
      `${result.served.ok}/${result.served.notModified}`,
      result.peakRssMb.length > 1 ? `${peak.toFixed(0)} (${result.peakRssMb.map((mb) => mb.toFixed(0)).join('/')})` : peak.toFixed(0),
      String(sumValues(result.after.failedByCode)),
    ]
  })
  return table(header, rows, new Set([3, 4, 5, 6, 7, 8, 9, 10, 11]))
}

/**
 * The goals per configuration, with ✓ or ✗: cold and unchanged passes against their floors, the
 * changed round, PGlite against PostgreSQL (`fetch` ×1) and more workers against one, with the
 * database CPU per new item where the database is a server.
 */
export function formatRatios(results: readonly PassResult[], floors: FloorSeconds): string {
  const lines: string[] = []
  const coldOf = (engine: Engine, command: string, processes: number) => results.find((result) => result.pass === 'cold' &&
    result.configuration.engine === engine && result.configuration.runner.command === command && result.configuration.runner.processes === processes)
  for (const configuration of uniqueConfigurations(results)) {
    const of = (pass: PassResult['pass']): PassResult | undefined =>
      results.find((result) => result.configuration === configuration && result.pass === pass)
    const cold = of('cold')
    const unchanged = of('unchanged')
    const changed = of('changed')
    const peak = Math.max(...results.filter((result) => result.configuration === configuration).flatMap((result) => result.peakRssMb))
    const parts: string[] = []
    if (cold !== undefined) {
      const ratio = cold.wallMs / 1000 / floorSum(floors, configuration.engine)
      const goal = configuration.engine === 'pg' ? ` (goal ≤ ${GOALS.coldOverFloors}) ${mark(ratio <= GOALS.coldOverFloors)}` : ''
      parts.push(`cold ÷ floors ${ratio.toFixed(2)}${goal}`)
      if (cold.serverCpuMs !== null && cold.newItems > 0) parts.push(`DB CPU ${(cold.serverCpuMs / cold.newItems).toFixed(2)} ms per new item`)
      const postgres = coldOf('pg', 'fetch', 1)
      if (configuration.engine === 'pglite' && postgres !== undefined) {
        const ratio = cold.wallMs / postgres.wallMs
        parts.push(`cold ÷ PostgreSQL's ${ratio.toFixed(2)} (goal ≤ ${GOALS.pgliteOverPostgres}) ${mark(ratio <= GOALS.pgliteOverPostgres)}`)
      }
      const single = coldOf(configuration.engine, configuration.runner.command, 1)
      if (configuration.runner.processes > 1 && single !== undefined) {
        const speedup = single.wallMs / cold.wallMs
        parts.push(`cold speed ÷ one worker's ${speedup.toFixed(2)} (goal ≥ 1) ${mark(speedup >= 1)}`)
      }
    }
    if (unchanged !== undefined) {
      const ratio = unchanged.wallMs / 1000 / floors.conditional
      parts.push(`unchanged ${seconds(unchanged.wallMs)} s = ${ratio.toFixed(1)}× the conditional floor (goal ≤ ${GOALS.unchangedOverConditionalFloor}) ` +
        mark(ratio <= GOALS.unchangedOverConditionalFloor))
    }
    if (changed !== undefined) {
      parts.push(`changed ${seconds(changed.wallMs)} s (goal ≤ ${GOALS.changedSeconds} s) ${mark(changed.wallMs / 1000 <= GOALS.changedSeconds)}`)
    }
    parts.push(`peak RSS ${peak.toFixed(0)} MB (goal ≤ ${GOALS.peakRssMb}) ${mark(peak <= GOALS.peakRssMb)}`)
    lines.push(`  ${`${engineName(configuration.engine)} ${runnerLabel(configuration.runner)}`.padEnd(30)} ${parts.join(';  ')}`)
  }
  return lines.join('\n')
}

/** How a store's items compare with what the workload's rows say it must hold. */
export interface Verification {
  readonly expectedItems: number
  readonly storedItems: number
  /** Feeds holding fewer items than distinct guids, with both numbers. */
  readonly shortFeeds: readonly { feed: number; expected: number; stored: number }[]
  readonly extraItems: number
}

/** Compares items per feed with the distinct guids per feed of `expected` (one round, or several merged). */
export function verifyItems(counts: StoreCounts, expectedByFeed: ReadonlyMap<number, number>): Verification {
  const storedByFeed = new Map<number, number>()
  for (const [url, items] of counts.itemsByFeedUrl) {
    const feed = feedNumberOf(url)
    if (feed !== null) storedByFeed.set(feed, (storedByFeed.get(feed) ?? 0) + items)
  }
  const shortFeeds: { feed: number; expected: number; stored: number }[] = []
  let extraItems = 0
  for (const [feed, expected] of expectedByFeed) {
    const stored = storedByFeed.get(feed) ?? 0
    if (stored < expected) shortFeeds.push({ feed, expected, stored })
    if (stored > expected) extraItems += stored - expected
  }
  return { expectedItems: sumValues(expectedByFeed), storedItems: counts.items, shortFeeds, extraItems }
}

/** Distinct guids per feed of one round, or of the union of several rounds. */
export function expectedPerFeed(...rounds: readonly ExpectedItems[]): Map<number, number> {
  const feeds = new Set(rounds.flatMap((round) => [...round.guidsByFeed.keys()]))
  const result = new Map<number, number>()
  for (const feed of feeds) {
    const guids = new Set(rounds.flatMap((round) => [...(round.guidsByFeed.get(feed) ?? [])]))
    result.set(feed, guids.size)
  }
  return result
}

/** The verification as one or two lines. */
export function formatVerification(label: string, verification: Verification, workload: string): string {
  const { expectedItems, storedItems, shortFeeds, extraItems } = verification
  const lost = shortFeeds.reduce((sum, short) => sum + short.expected - short.stored, 0)
  let line = `  ${label}: ${storedItems} items stored; workload ${workload}, ${expectedItems} distinct (feed, guid) → ` +
    (lost === 0 && extraItems === 0 ? 'all present ✓' : `${lost} missing in ${shortFeeds.length} feeds, ${extraItems} extra ✗`)
  if (shortFeeds.length > 0) {
    line += `\n    short feeds: ${shortFeeds.slice(0, 10).map((short) => `#${short.feed} ${short.stored}/${short.expected}`).join(', ')}${shortFeeds.length > 10 ? ', …' : ''}`
  }
  return line
}

/** Seconds with two decimals. */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(2)
}

function mark(ok: boolean): string {
  return ok ? '✓' : '✗'
}

function uniqueConfigurations(results: readonly PassResult[]): Configuration[] {
  return [...new Set(results.map((result) => result.configuration))]
}

function sumValues(map: ReadonlyMap<unknown, number>): number {
  let sum = 0
  for (const value of map.values()) sum += value
  return sum
}

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    '  ' + cells.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd()
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}
