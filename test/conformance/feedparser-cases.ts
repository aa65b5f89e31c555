import { readFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import type { Check, ConformanceCase, Expected, Field } from './checks.js'
import { CORPUS_DIR, documentUrlOf } from './corpus.js'
import { parsePythonLiteral, splitConditions } from './python-literal.js'
import type { PythonValue } from './python-literal.js'

// feedparser @ a22c5521 (MANIFEST.md "feedparser: an Expect: comment inside each input"). Only the
// `<path> == <literal>` conditions whose path maps onto our model are kept; `bozo`, `encoding`,
// `version`, language, base, itunes and the like are not checked.
const ROOT = 'feedparser/tests'
// The header comment is written in the file's own encoding; EBCDIC files are not read.
const HEADER_ENCODINGS = ['utf8', 'utf16le', 'utf16be', 'utf32le', 'utf32be']

/** Returns a case for every feedparser test file whose `Expect:` line has conditions we can map. */
export function feedparserCases(files: readonly string[]): ConformanceCase[] {
  return files
    .filter((file) => file.startsWith(`${ROOT}/`) && !file.startsWith(`${ROOT}/json/`))
    .flatMap((file) => {
      const header = headerOf(readFileSync(path.join(CORPUS_DIR, file)))
      if (header === null) return []
      const headers = [...header.matchAll(/^Header:\s*([\w-]+):\s*(.*)$/gim)].map(([, name = '', value = '']) => [name.toLowerCase(), value.trim()])
      // A base taken from Content-Location is not something parseFeed is given.
      if (headers.some(([name]) => name === 'content-location')) return []
      const expect = /^Expect:\s*(.*)$/m.exec(header)?.[1] ?? ''
      const checks = splitConditions(expect).flatMap(checkOf)
      if (checks.length === 0) return []
      const folder = file.split('/')[2] ?? ''
      return [{
        source: folder === 'wellformed' ? 'feedparser' : `feedparser-${folder}`,
        file,
        contentType: headers.find(([name]) => name === 'content-type')?.[1] ?? null,
        feedUrl: documentUrlOf(file),
        checks,
      }]
    })
}

function headerOf(bytes: Buffer): string | null {
  for (const encoding of HEADER_ENCODINGS) {
    const text = iconv.decode(bytes.subarray(0, 4096), encoding)
    const start = text.indexOf('<!--')
    const end = text.indexOf('-->', start)
    if (start >= 0 && end > start && text.slice(start, end).includes('Expect:')) return text.slice(start + 4, end)
  }
  return null
}

const PATH = /^(feed|entries\[(\d+)\])((?:\[(?:'[^']*'|\d+)\])+)\s*==\s*([\s\S]+)$/

function checkOf(condition: string): Check[] {
  const match = PATH.exec(condition)
  if (match === null) return []
  const [, , entry, keys = '', literal = ''] = match
  const value = parsePythonLiteral(literal)
  if (value === undefined) return []
  const segments = [...keys.matchAll(/\['([^']*)'\]|\[(\d+)\]/g)].map(([, key, index]) => key ?? Number(index))
  const item = entry === undefined ? null : Number(entry)
  const mapped = item === null ? feedCheck(segments, value) : entryCheck(segments, value)
  return mapped === null ? [] : [{ field: mapped[0], item, expected: mapped[1] }]
}

type Mapped = readonly [Field, Expected] | null

const DATE_KEYS = new Map<string, 'published' | 'updated'>([
  ['published_parsed', 'published'],
  ['issued_parsed', 'published'],
  ['created_parsed', 'published'],
  ['updated_parsed', 'updated'],
  ['modified_parsed', 'updated'],
])

function feedCheck(path: readonly (string | number)[], value: PythonValue): Mapped {
  const key = path.join('.')
  if (typeof value !== 'string') return null
  if (key === 'title' || key === 'title_detail.value') return ['feed title', { kind: 'text', value }]
  if (key === 'link') return ['feed link', { kind: 'url', value }]
  return null
}

function entryCheck(path: readonly (string | number)[], value: PythonValue): Mapped {
  const key = path.map((segment) => (typeof segment === 'number' ? 'N' : segment)).join('.')
  if (typeof value === 'string') {
    switch (key) {
      case 'title':
      case 'title_detail.value':
        return ['title', { kind: 'text', value }]
      case 'link':
        return ['link', { kind: 'url', value }]
      case 'id':
        return ['id', { kind: 'text', value }]
      case 'content.N.value':
        return ['content', { kind: 'html', which: 'content', value }]
      case 'summary':
      case 'description':
      case 'summary_detail.value':
        return ['content', { kind: 'html', which: 'summary', value }]
      case 'enclosures.N.href':
      case 'enclosures.N.url':
        return ['enclosures', { kind: 'enclosure', index: Number(path[1]), url: value, type: null, length: null }]
      case 'enclosures.N.type':
        return ['enclosures', { kind: 'enclosure', index: Number(path[1]), url: null, type: value, length: null }]
      case 'enclosures.N.length':
        return ['enclosures', { kind: 'enclosure', index: Number(path[1]), url: null, type: null, length: Number(value) || null }]
      case 'author':
      case 'author_detail.name':
        return ['authors', { kind: 'person', name: value, email: null, url: null }]
      case 'author_detail.email':
        return ['authors', { kind: 'person', name: null, email: value, url: null }]
      case 'author_detail.href':
      case 'author_detail.url':
        return ['authors', { kind: 'person', name: null, email: null, url: value }]
      default:
        return null
    }
  }
  const which = DATE_KEYS.get(key)
  if (which === undefined || !Array.isArray(value) || value.length < 6) return null
  // time.struct_time in UTC: (year, month, day, hour, minute, second, weekday, yearday, isdst).
  const [year, month, day, hour, minute, second] = value.map(Number)
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second))
  return ['date', { kind: 'date', which, value: date }]
}
