import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluateLabeledPairs } from './labeled-pairs/evaluate-pairs.js'

interface Figures {
  readonly precision: number | null
  readonly recall: number | null
}

const BASELINE = JSON.parse(fs.readFileSync(new URL('./eval-baseline.json', import.meta.url), 'utf8')) as {
  pairs: number
  overall: Figures
  categories: Record<string, Figures>
}

// Issue 5: "a test fails if either drops below the committed figures". A category with nothing matched
// has no precision, which counts as 1 (no false match); one without positives has no recall (null).
describe('story matching on the labeled pairs', () => {
  const { byCategory, overall, outcomes } = evaluateLabeledPairs()

  it('covers at least the committed pairs', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(BASELINE.pairs)
  })

  it('keeps overall precision and recall at or above the committed figures', () => {
    expect(overall.precision ?? 1).toBeGreaterThanOrEqual(BASELINE.overall.precision ?? 1)
    expect(overall.recall ?? 1).toBeGreaterThanOrEqual(BASELINE.overall.recall ?? 0)
  })

  it.each(Object.entries(BASELINE.categories))('keeps %s at or above the committed figures', (category, figures) => {
    const score = byCategory.get(category)
    expect(score).toBeDefined()
    expect(score?.precision ?? 1).toBeGreaterThanOrEqual(figures.precision ?? 1)
    expect(score?.recall ?? 1).toBeGreaterThanOrEqual(figures.recall ?? 0)
  })
})
