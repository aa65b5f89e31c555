/**
 * `npm run conformance`: parse + normalize over the shared corpus, rated against the expected values
 * of gofeed, rss-parser and feedparser (see test/conformance/). Prints per source and field how many
 * checks match. `--mismatches` lists the failing checks; `--write-baseline` records this run as the
 * floor that test/conformance/conformance.test.ts enforces.
 */
import { FIELDS } from '../test/conformance/checks.js'
import { readBaseline, regressions, writeBaseline } from '../test/conformance/baseline.js'
import { runConformance } from '../test/conformance/run-conformance.js'

const args = new Set(process.argv.slice(2))
const started = performance.now()
const report = await runConformance()
const out = (line = ''): boolean => process.stdout.write(`${line}\n`)

out(`Conformance of parse + normalize over ../shared/corpus (${((performance.now() - started) / 1000).toFixed(1)} s)`)
out('Each cell: checks matched / checks rated, rate; "+n" = n checks left out as deliberate disagreements (DISAGREEMENTS.md).')
for (const [source, { cases, parsed, fields }] of Object.entries(report.sources)) {
  out()
  out(`${source}: ${cases} documents with expected values, ${parsed} parsed`)
  for (const field of FIELDS) {
    const { matched, total, disagreed } = fields[field]
    if (total + disagreed === 0) continue
    const rate = total === 0 ? '-' : `${((100 * matched) / total).toFixed(1)}%`
    out(`  ${field.padEnd(12)} ${`${matched}/${total}`.padStart(11)} ${rate.padStart(7)}${disagreed > 0 ? `  +${disagreed}` : ''}`)
  }
}
const { files, parsed, errors, crashes } = report.sweep
out()
out(`Every corpus file: ${files} files, ${parsed} parsed, ${crashes.length} crashes; ParseError codes ${JSON.stringify(errors)}`)
for (const crash of crashes) out(`  crash: ${crash}`)
for (const row of report.staleDisagreements) out(`Stale row in DISAGREEMENTS.md (matches no check): ${row}`)
if (args.has('--mismatches')) {
  out()
  for (const m of report.mismatches) out(`mismatch ${m.source} ${m.file} [${m.item ?? 'feed'}] ${m.field}: expected ${JSON.stringify(m.expected)}`)
}
if (args.has('--write-baseline')) {
  writeBaseline(report)
  out('\nBaseline written to test/conformance/baseline.json')
} else {
  const below = regressions(report, readBaseline())
  for (const line of below) out(`REGRESSION ${line}`)
  process.exitCode = below.length > 0 || crashes.length > 0 ? 1 : 0
}
