import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { parseFeed, ParseError } from '../../src/parse/index.js'
import { normalizeFeed } from '../../src/normalize/index.js'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus')

interface CorpusRecord {
  readonly path: string
  readonly role: string
  readonly format?: string
}

const FORMATS = new Set(['rss2', 'atom10', 'rss1-rdf', 'jsonfeed'])

describe('the whole corpus', () => {
  // Every input of the four formats we claim, broken ones included: parsing either succeeds or
  // throws a ParseError, and normalizing a parsed feed never throws. Anything else is a crash.
  test('parseFeed throws nothing but ParseError, normalizeFeed nothing at all', async () => {
    const index = JSON.parse(readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as { files: CorpusRecord[] }
    const inputs = index.files.filter((file) => file.role === 'input' && FORMATS.has(file.format ?? ''))
    const crashes: string[] = []
    const errorCodes = new Map<string, number>()
    let parsed = 0
    for (const file of inputs) {
      try {
        const feed = await parseFeed(readFileSync(path.join(CORPUS, file.path)), { url: `corpus:${file.path}`, contentType: null })
        normalizeFeed(feed, { feedUrl: 'https://corpus.example/feed', now: new Date('2025-01-01T00:00:00Z') })
        parsed++
      } catch (err: unknown) {
        if (err instanceof ParseError) errorCodes.set(err.code, (errorCodes.get(err.code) ?? 0) + 1)
        else crashes.push(`${file.path}: ${String(err)}`)
      }
    }
    expect(crashes).toEqual([])
    expect(inputs).toHaveLength(3676)
    // Measured on this corpus; a drop means a regression, a rise should be recorded here.
    expect(parsed).toBe(3562)
    expect(Object.fromEntries(errorCodes)).toEqual({ parse_invalid_xml: 110, parse_unknown_format: 4 })
  }, 60_000)
})
