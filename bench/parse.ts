/**
 * Parse stage benchmark (issue 4, "Performance"): parse + normalize + sanitize throughput on a ~5 MB
 * feed and over the corpus's XML feeds, next to rss-parser's own parseString and a raw sax pass
 * (the floor) over the same bytes, in the same run. Times are this process's CPU time
 * (process.cpuUsage), so other processes on a busy machine do not count; rounds are interleaved and
 * the fastest round of each contender is reported, with the median beside it.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import Parser from 'rss-parser'
import sax from 'sax'
import { normalizeFeed } from '../src/normalize/index.js'
import { parseFeed, ParseError } from '../src/parse/index.js'
import { CORPUS_DIR } from '../test/conformance/corpus.js'

const TARGET_BYTES = 5_000_000

// A full collection before each timed run, so that garbage one contender left behind is not
// collected on another's clock (`npm run bench` runs without --expose-gc).
v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void
const NOW = new Date('2030-01-01T00:00:00Z')
const XML_FORMATS = new Set(['rss2', 'rss1-rdf', 'rss09x', 'atom10', 'atom03'])

interface Document {
  readonly name: string
  readonly bytes: Buffer
}

type Contender = (document: Document) => Promise<void>

const CONTENDERS: Readonly<Record<string, Contender>> = {
  // The floor: decode the bytes and walk every token, building nothing.
  'sax pass (floor)': async ({ bytes }) => {
    const parser = sax.parser(true)
    parser.onerror = () => {
      parser.resume()
    }
    parser.write(bytes.toString('utf8')).close()
  },
  'rss-parser parseString': async ({ bytes }) => {
    await new Parser().parseString(bytes.toString('utf8')).catch(() => null)
  },
  // The parse stage alone, to show how the total splits between parsing and normalizing.
  'tributary parse only': async ({ name, bytes }) => {
    await parseFeed(bytes, { url: `https://bench.example/${name}`, contentType: null }).catch((err: unknown) => {
      if (!(err instanceof ParseError)) throw err
    })
  },
  'tributary parse+normalize+sanitize': async ({ name, bytes }) => {
    const url = `https://bench.example/${name}`
    try {
      normalizeFeed(await parseFeed(bytes, { url, contentType: null }), { feedUrl: url, now: NOW })
    } catch (err: unknown) {
      if (!(err instanceof ParseError)) throw err
    }
  },
}

/** Runs the benchmark and prints MB/s per contender and the ratios between them. */
export async function run(): Promise<void> {
  const podcast = bigFeed('giantbomb-podcast.rss')
  await report(`~5 MB podcast feed (GiantBomb items, repeated): ${(podcast.bytes.length / 1e6).toFixed(2)} MB`, [podcast], 7)
  // Full HTML articles in content:encoded: here sanitizing is most of the work.
  const articles = bigFeed('content-encoded.rss')
  await report(`~5 MB article feed (Medium items with content:encoded, repeated): ${(articles.bytes.length / 1e6).toFixed(2)} MB`, [articles], 7)
  const corpus = corpusFeeds()
  const corpusBytes = corpus.reduce((sum, document) => sum + document.bytes.length, 0)
  await report(`corpus XML feeds: ${corpus.length} files, ${(corpusBytes / 1e6).toFixed(2)} MB`, corpus, 7)
}

async function report(title: string, documents: readonly Document[], rounds: number): Promise<void> {
  const bytes = documents.reduce((sum, document) => sum + document.bytes.length, 0)
  const samples = new Map<string, number[]>(Object.keys(CONTENDERS).map((name) => [name, []]))
  // One warm-up round, then interleaved timed rounds.
  for (let round = 0; round <= rounds; round++) {
    for (const [name, contender] of Object.entries(CONTENDERS)) {
      collectGarbage()
      const started = process.cpuUsage()
      for (const document of documents) await contender(document)
      const { user, system } = process.cpuUsage(started)
      if (round > 0) samples.get(name)?.push((user + system) / 1000)
    }
  }
  const best = new Map([...samples].map(([name, times]) => [name, Math.min(...times)]))
  const medians = new Map([...samples].map(([name, times]) => [name, median(times)]))
  const mbPerSecond = (ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6)
  process.stdout.write(`\n${title}; CPU time, fastest of ${rounds} rounds (median in brackets)\n`)
  for (const [name, ms] of best) {
    const mid = medians.get(name) ?? 0
    process.stdout.write(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms ${mbPerSecond(ms)} MB/s   (${mid.toFixed(0)} ms, ${mbPerSecond(mid).trim()} MB/s)\n`)
  }
  const ratio = (times: Map<string, number>, other: string): string =>
    ((times.get('tributary parse+normalize+sanitize') ?? 0) / (times.get(other) ?? 1)).toFixed(2)
  process.stdout.write(
    `  tributary / rss-parser: ${ratio(best, 'rss-parser parseString')}x (median ${ratio(medians, 'rss-parser parseString')}x; goal <= 1.5x)` +
      `   tributary / floor: ${ratio(best, 'sax pass (floor)')}x (median ${ratio(medians, 'sax pass (floor)')}x)\n`,
  )
}

// An rss-parser capture with its items repeated, each copy with its own guid and link, until the
// document reaches TARGET_BYTES.
function bigFeed(name: string): Document {
  const source = readFileSync(path.join(CORPUS_DIR, 'rss-parser/test/input', name), 'utf8')
  const first = source.indexOf('<item>')
  const last = source.lastIndexOf('</item>') + '</item>'.length
  const items = source.slice(first, last).split(/(?<=<\/item>)/)
  const copies: string[] = []
  let size = source.length
  for (let copy = 0; size < TARGET_BYTES; copy++) {
    const item = (items[copy % items.length] ?? '').replace(/<\/(guid|link)>/g, `-${copy}</$1>`)
    copies.push(item)
    size += item.length
  }
  const text = source.slice(0, last) + copies.join('') + source.slice(last)
  return { name: `5mb-${name}`, bytes: Buffer.from(text) }
}

function corpusFeeds(): Document[] {
  const index = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'index.json'), 'utf8')) as {
    files: { path: string; role: string; format?: string; gzip?: boolean }[]
  }
  return index.files
    .filter((file) => file.role === 'input' && XML_FORMATS.has(file.format ?? '') && file.gzip !== true)
    .map((file) => ({ name: file.path, bytes: readFileSync(path.join(CORPUS_DIR, file.path)) }))
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}
