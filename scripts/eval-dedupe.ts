import { hammingDistance } from '../src/dedupe/index.js'
import { evaluateLabeledPairs, type PairOutcome, type Score } from '../test/dedupe/labeled-pairs/evaluate-pairs.js'

// Prints precision and recall of story matching over the labeled pairs (issue 5, "Evaluation"), per
// category and overall; the whole-text fingerprint distances seen per category, for tuning; and
// every pair decided wrongly. `--all` lists every pair with its rule and distance; `--baseline`
// prints the figures in the form of test/dedupe/eval-baseline.json instead.
const { outcomes, byCategory, overall } = evaluateLabeledPairs()
const showAll = process.argv.includes('--all')

if (process.argv.includes('--baseline')) {
  // Rounded down, so the committed figure never exceeds the measured one.
  const floor = (value: number | null) => (value === null ? null : Math.floor(value * 1000) / 1000)
  console.log(JSON.stringify({
    note: 'Committed figures of npm run eval:dedupe (--baseline prints them); test/dedupe/eval.test.ts fails when a figure drops below them.',
    pairs: outcomes.length,
    overall: { precision: floor(overall.precision ?? 1), recall: floor(overall.recall) },
    categories: Object.fromEntries([...byCategory].map(([category, s]) => [category, { precision: floor(s.precision ?? 1), recall: floor(s.recall) }])),
  }, null, 2))
  process.exit(0)
}

const header = ['category', 'pairs', 'same', 'TP', 'FP', 'FN', 'precision', 'recall', 'd same', 'd different']
const rows = [...byCategory].map(([category, s]) => row(category, s, outcomes.filter((o) => o.pair.category === category)))
rows.push(row('overall', overall, outcomes))
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
console.log(line(header))
for (const r of rows) console.log(line(r))
console.log('(d: whole-text fingerprint distance in bits of 256, for pairs where both texts have one)')

const listed = outcomes.filter((o) => showAll || o.predicted !== o.pair.same)
if (listed.length > 0) console.log(showAll ? '\nall pairs:' : '\nwrong:')
for (const o of listed) {
  const verdict = o.predicted === o.pair.same ? 'ok   ' : o.pair.same ? 'MISS ' : 'FALSE'
  const distance = o.match.distance === undefined || !Number.isFinite(o.match.distance) ? '' : ` d=${o.match.distance}`
  const keys = o.retrievable ? '' : ' (no shared key)'
  console.log(`${verdict} ${o.pair.id} [${o.match.rule}${distance}${keys}] ${o.pair.note}`)
}

function row(category: string, s: Score, of: readonly PairOutcome[]): string[] {
  return [category, String(s.pairs), String(s.positives), String(s.truePositives), String(s.falsePositives),
    String(s.falseNegatives), format(s.precision), format(s.recall), range(of.filter((o) => o.pair.same)), range(of.filter((o) => !o.pair.same))]
}

function range(of: readonly PairOutcome[]): string {
  const distances = of.flatMap(({ features: [a, b] }) =>
    a.fingerprint === null || b.fingerprint === null ? [] : [hammingDistance(a.fingerprint, b.fingerprint)])
  return distances.length === 0 ? '—' : `${Math.min(...distances)}–${Math.max(...distances)}`
}

function format(value: number | null): string {
  return value === null ? '—' : value.toFixed(3)
}
