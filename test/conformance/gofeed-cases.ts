import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Check, ConformanceCase, Expected } from './checks.js'
import { CORPUS_DIR, documentUrlOf } from './corpus.js'

type Json = Record<string, unknown>

// gofeed @ e010ca02 testdata (MANIFEST.md "gofeed: paired JSON files"): keys absent from the
// expected JSON mean "zero or empty", so only the keys present are checked. Three models:
// translator/* is gofeed's universal model, parser/{rss,atom} its format models, parser/json the
// JSON Feed model.
const DIRECTORIES = [
  ['gofeed/testdata/translator/rss', 'universal'],
  ['gofeed/testdata/translator/atom', 'universal'],
  ['gofeed/testdata/translator/json', 'universal'],
  ['gofeed/testdata/parser/rss', 'rss'],
  ['gofeed/testdata/parser/atom', 'atom'],
  ['gofeed/testdata/parser/json', 'json'],
] as const

type Model = (typeof DIRECTORIES)[number][1]

/** Returns a case for every gofeed input that has an expected JSON beside it. */
export function gofeedCases(): ConformanceCase[] {
  return DIRECTORIES.flatMap(([directory, model]) =>
    readdirSync(path.join(CORPUS_DIR, directory))
      .filter((name) => (name.endsWith('.xml') || name.endsWith('.json')) && !name.endsWith('_expected.json'))
      .flatMap((name) => {
        const expectedName = name.endsWith('.json') ? name.replace(/\.json$/, '_expected.json') : name.replace(/\.xml$/, '.json')
        const expectedPath = path.join(CORPUS_DIR, directory, expectedName)
        if (!existsSync(expectedPath)) return []
        const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Json
        const file = `${directory}/${name}`
        return [{ source: 'gofeed', file, contentType: null, feedUrl: documentUrlOf(file), checks: checksOf(expected, model) }]
      }),
  )
}

function checksOf(feed: Json, model: Model): Check[] {
  const checks: Check[] = []
  const title = text(feed.title)
  if (title !== null) checks.push({ field: 'feed title', item: null, expected: { kind: 'text', value: title } })
  const link = model === 'atom' ? alternateHref(feed.links) : model === 'json' ? text(feed.home_page_url) : text(feed.link)
  if (link !== null) checks.push({ field: 'feed link', item: null, expected: { kind: 'url', value: link } })
  const items = list(model === 'atom' ? feed.entries : feed.items)
  items.forEach((item, index) => {
    if (!isJson(item)) return
    const add = (field: Check['field'], expected: Expected | null): void => {
      if (expected !== null) checks.push({ field, item: index, expected })
    }
    add('title', textCheck(item.title))
    switch (model) {
      case 'universal':
        add('link', urlCheck(item.link))
        add('id', textCheck(item.guid))
        add('date', dateCheck('published', item.publishedParsed))
        add('date', dateCheck('updated', item.updatedParsed))
        add('content', htmlCheck('content', item.content))
        add('content', htmlCheck('summary', item.description))
        for (const enclosure of list(item.enclosures)) add('enclosures', enclosureCheck(enclosure, 'url', 'type', 'length'))
        for (const person of authorsOf(item)) add('authors', person)
        break
      case 'rss':
        add('link', urlCheck(item.link))
        add('id', textCheck(isJson(item.guid) ? item.guid.value : item.guid))
        add('date', dateCheck('published', item.pubDateParsed))
        add('content', htmlCheck('content', item.content))
        add('content', htmlCheck('summary', item.description))
        for (const enclosure of list(item.enclosures)) add('enclosures', enclosureCheck(enclosure, 'url', 'type', 'length'))
        add('authors', rawPerson(item.author))
        break
      case 'atom':
        add('link', urlCheck(alternateHref(item.links)))
        add('id', textCheck(item.id))
        add('date', dateCheck('published', item.publishedParsed))
        add('date', dateCheck('updated', item.updatedParsed))
        add('content', htmlCheck('content', isJson(item.content) ? item.content.value : item.content))
        add('content', htmlCheck('summary', item.summary))
        for (const person of list(item.authors)) add('authors', personCheck(person, 'uri'))
        break
      case 'json':
        add('link', urlCheck(item.url))
        add('id', textCheck(item.id))
        add('date', dateCheck('published', item.date_published))
        add('date', dateCheck('updated', item.date_modified))
        add('content', htmlCheck('content', item.content_html))
        for (const attachment of list(item.attachments)) add('enclosures', enclosureCheck(attachment, 'url', 'mime_type', 'size_in_bytes'))
        for (const person of [...list(item.authors), ...(isJson(item.author) ? [item.author] : [])]) add('authors', personCheck(person, 'url'))
        break
    }
  })
  return checks
}

function authorsOf(item: Json): Expected[] {
  const people = list(item.authors)
  return (people.length > 0 ? people : isJson(item.author) ? [item.author] : []).flatMap((person) => {
    const check = personCheck(person, 'uri')
    return check === null ? [] : [check]
  })
}

// An entry's link is unambiguous when exactly one alternate (or rel-less) link is given.
function alternateHref(links: unknown): string | null {
  const alternates = list(links).filter((link) => isJson(link) && (text(link.rel) ?? 'alternate') === 'alternate')
  const [only] = alternates
  return alternates.length === 1 && isJson(only) ? text(only.href) : null
}

function textCheck(value: unknown): Expected | null {
  const string = text(value)
  return string === null ? null : { kind: 'text', value: string }
}

function urlCheck(value: unknown): Expected | null {
  const string = text(value)
  return string === null ? null : { kind: 'url', value: string }
}

function dateCheck(which: 'published' | 'updated', value: unknown): Expected | null {
  const string = text(value)
  const date = string === null ? null : new Date(string)
  return date === null || Number.isNaN(date.getTime()) ? null : { kind: 'date', which, value: date }
}

function htmlCheck(which: 'content' | 'summary', value: unknown): Expected | null {
  const string = text(value)
  return string === null ? null : { kind: 'html', which, value: string }
}

function enclosureCheck(value: unknown, urlKey: string, typeKey: string, lengthKey: string): Expected | null {
  if (!isJson(value)) return null
  const length = Number(value[lengthKey])
  return {
    kind: 'enclosure',
    index: null,
    url: text(value[urlKey]),
    type: text(value[typeKey]),
    length: Number.isSafeInteger(length) && length > 0 ? length : null,
  }
}

function personCheck(value: unknown, urlKey: string): Expected | null {
  if (!isJson(value)) return null
  const person = { kind: 'person' as const, name: text(value.name), email: text(value.email), url: text(value[urlKey]) }
  return person.name === null && person.email === null && person.url === null ? null : person
}

// gofeed's RSS model keeps <author> as written ("email (Name)"); the comparison splits it.
function rawPerson(value: unknown): Expected | null {
  const name = text(value)
  return name === null ? null : { kind: 'person', name, email: null, url: null }
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
