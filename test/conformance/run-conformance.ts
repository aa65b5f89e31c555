import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Item, ParsedFeed } from '../../src/model/index.js'
import { normalizeFeed } from '../../src/normalize/index.js'
import { parseFeed, ParseError } from '../../src/parse/index.js'
import type { Check, ConformanceCase, Field } from './checks.js'
import { FIELDS } from './checks.js'
import { CORPUS_DIR, documentUrlOf, listCorpusFiles } from './corpus.js'
import { loadDisagreements } from './disagreements.js'
import { feedparserCases } from './feedparser-cases.js'
import { gofeedCases } from './gofeed-cases.js'
import { FALLBACK_TITLES, matchCheck } from './match-check.js'
import type { Outcome } from './match-check.js'
import { rssParserCases } from './rss-parser-cases.js'

// The clock for the future-date policy: after every date in the corpus, so none is dropped.
const NOW = new Date('2030-01-01T00:00:00Z')
const [, PLACEHOLDER_TITLE = ''] = FALLBACK_TITLES

/** How many checks of one field matched, out of how many, and how many were left out as listed disagreements. */
export interface Tally {
  matched: number
  total: number
  disagreed: number
}

/** One source's results: its cases, how many documents parsed, and a tally per field. */
export interface SourceReport {
  cases: number
  parsed: number
  fields: Record<Field, Tally>
}

/** A check that failed, for the verbose report. */
export interface Mismatch {
  readonly source: string
  readonly file: string
  readonly item: number | null
  readonly field: Field
  readonly expected: string
}

/** The whole run: per-source tallies, failed checks, and the crash sweep over every corpus file. */
export interface ConformanceReport {
  readonly sources: Record<string, SourceReport>
  readonly mismatches: readonly Mismatch[]
  /** Rows of DISAGREEMENTS.md that matched no check. */
  readonly staleDisagreements: readonly string[]
  readonly sweep: {
    readonly files: number
    readonly parsed: number
    readonly errors: Record<string, number>
    /** Anything thrown other than a ParseError, by file. */
    readonly crashes: readonly string[]
  }
}

type Parsed = { readonly feed: ParsedFeed } | { readonly error: ParseError }

/** Runs parse and normalize over the corpus: every file once (crash sweep), then each source's expected values. */
export async function runConformance(): Promise<ConformanceReport> {
  const files = listCorpusFiles()
  const parsedByFile = new Map<string, Parsed>()
  const crashes: string[] = []
  const errors: Record<string, number> = {}
  let parsed = 0
  for (const file of files) {
    const url = documentUrlOf(file)
    try {
      const feed = await parseFeed(readFileSync(path.join(CORPUS_DIR, file)), { url, contentType: null })
      normalizeFeed(feed, { feedUrl: url, now: NOW })
      parsedByFile.set(file, { feed })
      parsed++
    } catch (err: unknown) {
      if (err instanceof ParseError) {
        errors[err.code] = (errors[err.code] ?? 0) + 1
        parsedByFile.set(file, { error: err })
      } else {
        crashes.push(`${file}: ${String(err)}`)
      }
    }
  }
  const cases = [...gofeedCases(), ...rssParserCases(), ...feedparserCases(files)]
  const disagreements = loadDisagreements()
  const sources: Record<string, SourceReport> = {}
  const mismatches: Mismatch[] = []
  for (const testCase of cases) {
    const report = (sources[testCase.source] ??= { cases: 0, parsed: 0, fields: emptyFields() })
    report.cases++
    const outcome = await outcomeOf(testCase, parsedByFile)
    if (outcome !== null) report.parsed++
    for (const check of testCase.checks) {
      const tally = report.fields[check.field]
      if (disagreements.has(testCase.source, testCase.file, check)) {
        tally.disagreed++
        continue
      }
      tally.total++
      if (outcome !== null && matchCheck(check, outcome)) tally.matched++
      else mismatches.push(mismatchOf(testCase, check))
    }
  }
  return { sources, mismatches, staleDisagreements: disagreements.unused(), sweep: { files: files.length, parsed, errors, crashes } }
}

async function outcomeOf(testCase: ConformanceCase, parsedByFile: ReadonlyMap<string, Parsed>): Promise<Outcome | null> {
  let parsed = testCase.contentType === null ? parsedByFile.get(testCase.file) : undefined
  if (parsed === undefined) {
    const body = readFileSync(path.join(CORPUS_DIR, testCase.file))
    parsed = await parseFeed(body, { url: testCase.feedUrl, contentType: testCase.contentType }).then(
      (feed) => ({ feed }),
      (error: unknown) => {
        if (error instanceof ParseError) return { error }
        throw error
      },
    )
  }
  if ('error' in parsed) return null
  const options = { feedUrl: testCase.feedUrl, now: NOW }
  const feed = normalizeFeed(parsed.feed, options)
  // Checks name entries by position in the document, so each entry is normalized on its own. Many
  // cases test one field of an otherwise empty entry, which normalizeFeed drops as having nothing
  // to show; such an entry is given a placeholder title so that its other fields are still rated.
  const items: (Item | null)[] = parsed.feed.entries.map((entry) => {
    const one = (title: string | null): Item | null =>
      normalizeFeed({ ...parsed.feed, entries: [{ ...entry, title }] }, options).items[0] ?? null
    return one(entry.title) ?? one(PLACEHOLDER_TITLE)
  })
  return { feed, items, feedUrl: testCase.feedUrl }
}

function emptyFields(): Record<Field, Tally> {
  return Object.fromEntries(FIELDS.map((field) => [field, { matched: 0, total: 0, disagreed: 0 }])) as Record<Field, Tally>
}

function mismatchOf(testCase: ConformanceCase, check: Check): Mismatch {
  const { expected } = check
  const shown = 'value' in expected ? (expected.value instanceof Date ? expected.value.toISOString() : expected.value) : JSON.stringify(expected)
  return { source: testCase.source, file: testCase.file, item: check.item, field: check.field, expected: shown }
}
