/**
 * Fingerprint cost per item (issue 13, point 2: ≤ 50 µs per 4 KB item): the whole-text and opening
 * SimHash of real article text cut to ~4 KB, and the whole storyFeatures() (HTML to blocks, title,
 * link, both fingerprints) for the same items. No database. CPU time of this process
 * (process.cpuUsage), fastest of several rounds with the median beside it.
 */
import { readFileSync } from 'node:fs'
import { bodyBlocks, LEAD_WORDS, simhash, storyFeatures } from '../src/dedupe/index.js'
import type { Item } from '../src/model/index.js'
import { buildItem } from '../test/helpers/build-item.js'

const ITEM_BYTES = 4096
const ROUNDS = 15
const SEED_FILE = new URL('../../shared/seed/000_95e844e618777d2a.txt', import.meta.url)
const ARTICLES_FILE = new URL('../test/dedupe/labeled-pairs/articles.json', import.meta.url)
const OPTIONS = { feedId: 1, feedTitle: 'Bench', seenAt: new Date('2030-01-01T00:00:00Z') }

/** Runs the fingerprint benchmark and prints one row per measure. */
export async function run(): Promise<void> {
  const items = benchItems()
  const blocks = items.map((item) => bodyBlocks(item.contentHtml!, item.title))
  // The opening is cut outside the timed loop, as storyFeatures cuts it (a loop, not flat()).
  const openings = blocks.map((b) => [b.flat().slice(0, LEAD_WORDS)])
  const bytes = items.reduce((sum, item) => sum + Buffer.byteLength(item.contentHtml!), 0) / items.length
  const words = blocks.reduce((sum, b) => sum + b.flat().length, 0) / blocks.length
  process.stdout.write(`${items.length} items of ${bytes.toFixed(0)} bytes of HTML, ${words.toFixed(0)} words on average\n\n`)
  const rows = [
    measure('simhash, whole text + opening', () => {
      for (const [n, b] of blocks.entries()) {
        simhash(b)
        simhash(openings[n]!)
      }
    }, items.length),
    measure('simhash, whole text', () => {
      for (const b of blocks) simhash(b)
    }, items.length),
    measure('bodyBlocks (HTML to words)', () => {
      for (const item of items) bodyBlocks(item.contentHtml!, item.title)
    }, items.length),
    measure('storyFeatures', () => {
      for (const item of items) storyFeatures(item, OPTIONS)
    }, items.length),
  ]
  process.stdout.write('| per 4 KB item | fastest | median |\n|---|---|---|\n')
  process.stdout.write(`${rows.join('\n')}\n`)
}

function measure(name: string, pass: () => void, count: number): string {
  // Warm-up: let the JIT settle before the timed rounds.
  for (let i = 0; i < 3; i++) pass()
  const perItem: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage()
    let passes = 0
    // At least 200 ms a round, so timer resolution does not count.
    do {
      pass()
      passes++
    } while (cpuMicros(process.cpuUsage(start)) < 200_000)
    perItem.push(cpuMicros(process.cpuUsage(start)) / (passes * count))
  }
  perItem.sort((a, b) => a - b)
  return `| ${name} | ${perItem[0]!.toFixed(1)} µs | ${perItem[Math.floor(ROUNDS / 2)]!.toFixed(1)} µs |`
}

function cpuMicros(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system
}

// The shared scraped article (one ~4 KB page) and the labeled set's articles, each cut or repeated
// paragraph by paragraph to about ITEM_BYTES of HTML.
function benchItems(): Item[] {
  const seed = readFileSync(SEED_FILE, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '')
  const { articles } = JSON.parse(readFileSync(ARTICLES_FILE, 'utf8')) as { articles: { title: string; paragraphs: string[] }[] }
  const sources = [{ title: seed[0]!, paragraphs: seed.slice(1) }, ...articles]
  return sources.map(({ title, paragraphs }, n) => {
    let html = ''
    for (let i = 0; Buffer.byteLength(html) < ITEM_BYTES; i++) html += `<p>${escapeHtml(paragraphs[i % paragraphs.length]!)}</p>\n`
    return buildItem({ title, url: `https://bench.example/${n}`, contentHtml: html })
  })
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
