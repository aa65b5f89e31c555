import { beforeAll, describe, expect, test } from 'vitest'
import { readBaseline, regressions } from './baseline.js'
import { runConformance } from './run-conformance.js'
import type { ConformanceReport } from './run-conformance.js'

// The same run as `npm run conformance`; see DISAGREEMENTS.md for the checks left out of the rates.
describe('conformance over ../shared/corpus', () => {
  let report: ConformanceReport
  beforeAll(async () => {
    report = await runConformance()
  }, 60_000)

  test('parsing every corpus file returns a feed or throws a ParseError; normalizing never throws', () => {
    expect(report.sweep.crashes).toEqual([])
    expect(report.sweep.files).toBeGreaterThanOrEqual(5435)
  })

  test('no rate falls below the committed baseline (npm run conformance -- --write-baseline records a new one)', () => {
    expect(regressions(report, readBaseline())).toEqual([])
  })

  // Issue 4's target for the sources with paired expected outputs.
  test.each(['gofeed', 'rss-parser'])('%s: at least 97%% of items match on title, link, date and id', (source) => {
    for (const field of ['title', 'link', 'date', 'id'] as const) {
      const tally = report.sources[source]?.fields[field]
      expect(tally?.total, `${source} ${field}`).toBeGreaterThan(0)
      expect((tally?.matched ?? 0) / (tally?.total ?? 1), `${source} ${field}`).toBeGreaterThanOrEqual(0.97)
    }
  })

  test('every row of DISAGREEMENTS.md still names a check', () => {
    expect(report.staleDisagreements).toEqual([])
  })
})
