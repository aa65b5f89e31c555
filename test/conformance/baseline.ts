import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Field } from './checks.js'
import type { ConformanceReport } from './run-conformance.js'

const FILE = fileURLToPath(new URL('baseline.json', import.meta.url))

/** The committed floor: per source and field, the matched and total counts of the last accepted run, and the sweep. */
export interface Baseline {
  readonly sources: Record<string, Partial<Record<Field, { readonly matched: number; readonly total: number }>>>
  readonly sweep: { readonly files: number; readonly parsed: number; readonly crashes: number }
}

/** Returns the committed baseline (test/conformance/baseline.json). */
export function readBaseline(): Baseline {
  return JSON.parse(readFileSync(FILE, 'utf8')) as Baseline
}

/** Writes the report's counts as the new baseline. */
export function writeBaseline(report: ConformanceReport): void {
  const sources: Baseline['sources'] = {}
  for (const [source, { fields }] of Object.entries(report.sources)) {
    sources[source] = Object.fromEntries(
      Object.entries(fields)
        .filter(([, tally]) => tally.total > 0)
        .map(([field, { matched, total }]) => [field, { matched, total }]),
    )
  }
  const { files, parsed, crashes } = report.sweep
  const baseline: Baseline = { sources, sweep: { files, parsed, crashes: crashes.length } }
  writeFileSync(FILE, `${JSON.stringify(baseline, null, 2)}\n`)
}

/** Returns one line per rate that fell below the baseline (empty when none did). */
export function regressions(report: ConformanceReport, baseline: Baseline): string[] {
  const found: string[] = []
  for (const [source, fields] of Object.entries(baseline.sources)) {
    for (const [field, floor] of Object.entries(fields)) {
      const tally = report.sources[source]?.fields[field as Field]
      const rate = tally === undefined || tally.total === 0 ? 0 : tally.matched / tally.total
      if (rate < floor.matched / floor.total) {
        found.push(`${source} ${field}: ${tally?.matched ?? 0}/${tally?.total ?? 0} is below the baseline ${floor.matched}/${floor.total}`)
      }
    }
  }
  if (report.sweep.crashes.length > baseline.sweep.crashes) found.push(`sweep: ${report.sweep.crashes.length} crashes (baseline ${baseline.sweep.crashes})`)
  if (report.sweep.parsed < baseline.sweep.parsed) found.push(`sweep: ${report.sweep.parsed} documents parsed (baseline ${baseline.sweep.parsed})`)
  return found
}
