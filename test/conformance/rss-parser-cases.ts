import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Check, ConformanceCase, Expected } from './checks.js'
import { CORPUS_DIR, documentUrlOf } from './corpus.js'

type Json = Record<string, unknown>

const INPUT_DIR = 'rss-parser/test/input'
const OUTPUT_DIR = 'rss-parser/test/output'

// rss-parser @ b0d3b483 golden outputs (MANIFEST.md "rss-parser: golden output"): `{"feed": …}`
// from rss-parser 3.13.0 with default options, except the cases its test changes.
const SKIPPED = new Set([
  // Produced with {xml2js: {emptyTag: 'EMPTY'}}: not what default options give. Same input as rss-1.
  'xml2js-options',
])
// Served with Content-Type charset=latin1; its golden output file is itself ISO-8859-1.
const LATIN1 = 'encoding'

/** Returns a case for every rss-parser input with a golden output. */
export function rssParserCases(): ConformanceCase[] {
  const inputs = readdirSync(path.join(CORPUS_DIR, INPUT_DIR))
  return readdirSync(path.join(CORPUS_DIR, OUTPUT_DIR))
    .map((name) => name.replace(/\.json$/, ''))
    .filter((name) => !SKIPPED.has(name))
    .flatMap((name) => {
      const input = inputs.find((file) => file.startsWith(`${name}.`))
      if (input === undefined) return []
      const golden = readFileSync(path.join(CORPUS_DIR, OUTPUT_DIR, `${name}.json`), name === LATIN1 ? 'latin1' : 'utf8')
      const feed = (JSON.parse(golden) as { feed: Json }).feed
      const file = `${INPUT_DIR}/${input}`
      return [{
        source: 'rss-parser',
        file,
        contentType: name === LATIN1 ? 'text/xml; charset=latin1' : null,
        feedUrl: documentUrlOf(file),
        checks: checksOf(feed, input.endsWith('.atom')),
      }]
    })
}

function checksOf(feed: Json, atom: boolean): Check[] {
  const checks: Check[] = []
  const title = text(feed.title)
  if (title !== null) checks.push({ field: 'feed title', item: null, expected: { kind: 'text', value: title } })
  const link = text(feed.link)
  if (link !== null) checks.push({ field: 'feed link', item: null, expected: { kind: 'url', value: link } })
  list(feed.items).forEach((item, index) => {
    if (!isJson(item)) return
    const add = (field: Check['field'], expected: Expected | null): void => {
      if (expected !== null) checks.push({ field, item: index, expected })
    }
    const title = text(item.title)
    add('title', title === null ? null : { kind: 'text', value: title })
    const link = text(item.link)
    add('link', link === null ? null : { kind: 'url', value: link })
    const id = text(atom ? item.id : item.guid)
    add('id', id === null ? null : { kind: 'text', value: id })
    // isoDate is `new Date(pubDate ?? dc:date)`; for Atom, pubDate is already published ?? updated.
    const date = new Date(text(atom ? item.pubDate : item.isoDate) ?? 'invalid')
    add('date', Number.isNaN(date.getTime()) ? null : { kind: 'date', which: 'published', value: date })
    // RSS: content is the description, content:encoded the full text; Atom: content, else summary.
    const content = atom ? (text(item.content) ?? text(item.summary)) : (text(item['content:encoded']) ?? text(item.content))
    add('content', content === null ? null : { kind: 'html', which: 'content', value: content })
    const enclosure = item.enclosure
    if (isJson(enclosure) && text(enclosure.url) !== null) {
      const length = Number(enclosure.length)
      add('enclosures', {
        kind: 'enclosure',
        index: 0,
        url: text(enclosure.url),
        type: text(enclosure.type),
        length: Number.isSafeInteger(length) && length > 0 ? length : null,
      })
    }
    // rss-parser's `creator` is <author>, overridden by <dc:creator>; Atom's `author` the first name.
    const author = text(atom ? item.author : item.creator)
    add('authors', author === null ? null : { kind: 'person', name: author, email: null, url: null })
  })
  return checks
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
