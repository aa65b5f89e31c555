import { InputError } from '../../errors.js'
import { parseIsoTime } from '../../input/index.js'
import type { ItemQuery } from '../../store/index.js'

/** The search page's fields as the user typed them (empty when absent), to refill the form and build links. */
export interface SearchForm {
  readonly q: string
  readonly collection: string
  readonly feed: string
  readonly author: string
  readonly category: string
  readonly since: string
  readonly until: string
  readonly sort: string
  /** '1' when one item per story is asked for, else ''. */
  readonly perStory: string
  readonly cursor: string
}

const FIELDS = {
  q: 'q', collection: 'collection', feed: 'feed', author: 'author', category: 'category',
  since: 'since', until: 'until', sort: 'sort', perStory: 'per_story', cursor: 'cursor',
} as const satisfies Record<keyof SearchForm, string>

/** The form before anything is typed. */
export const EMPTY_SEARCH_FORM: SearchForm = Object.freeze({
  q: '', collection: '', feed: '', author: '', category: '', since: '', until: '', sort: '', perStory: '', cursor: '',
})

/** Reads the search form from a parsed query string; never throws (a repeated field counts once, bad values stay for searchQuery to judge). */
export function readSearchForm(query: unknown): SearchForm {
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>
  const field = (name: string): string => {
    const value = Array.isArray(raw[name]) ? (raw[name] as unknown[])[0] : raw[name]
    return typeof value === 'string' ? value.trim() : ''
  }
  return {
    q: field(FIELDS.q),
    collection: field(FIELDS.collection),
    feed: field(FIELDS.feed),
    author: field(FIELDS.author),
    category: field(FIELDS.category),
    since: field(FIELDS.since),
    until: field(FIELDS.until),
    sort: field(FIELDS.sort),
    // A checkbox sends its value when ticked; a hand-written URL may say 0 or false.
    perStory: ['', '0', 'false', 'no', 'off'].includes(field(FIELDS.perStory)) ? '' : '1',
    cursor: field(FIELDS.cursor),
  }
}

/** Returns the URL (path and query) of a search, leaving out empty fields; `cursor` replaces the form's own. */
export function searchPath(form: SearchForm, cursor: string | null = null): string {
  const params = new URLSearchParams()
  for (const [key, name] of Object.entries(FIELDS) as [keyof SearchForm, string][]) {
    const value = key === 'cursor' ? cursor ?? '' : form[key]
    if (value !== '') params.set(name, value)
  }
  const query = params.toString()
  return query === '' ? '/search' : `/search?${query}`
}

/** Turns the form into a store query of `limit` items; throws InputError naming the first bad field. */
export function searchQuery(form: SearchForm, limit: number): ItemQuery {
  const text = (name: string, value: string, max: number): string | undefined => {
    if (value.length > max) throw new InputError(`${name}: at most ${max} characters`)
    return value === '' ? undefined : value
  }
  if (form.feed !== '' && !(/^\d{1,10}$/.test(form.feed) && Number(form.feed) >= 1 && Number(form.feed) <= 2_147_483_647)) {
    throw new InputError(`feed: "${form.feed}" is not a feed id`)
  }
  if (form.sort !== '' && form.sort !== 'newest' && form.sort !== 'rank') throw new InputError(`sort: use "newest" or "rank", not "${form.sort}"`)
  const q = text('q', form.q, 500)
  const collection = text('collection', form.collection, 64)
  const author = text('author', form.author, 200)
  const category = text('category', form.category, 200)
  const cursor = text('cursor', form.cursor, 100)
  const since = parseDate('since', form.since, false)
  const until = parseDate('until', form.until, true)
  return {
    limit,
    sort: form.sort === 'rank' ? 'rank' : 'newest',
    perStory: form.perStory === '1',
    ...(q !== undefined && { q }),
    ...(collection !== undefined && { collection }),
    ...(form.feed !== '' && { feedId: Number(form.feed) }),
    ...(author !== undefined && { author }),
    ...(category !== undefined && { category }),
    ...(since !== undefined && { since }),
    ...(until !== undefined && { until }),
    ...(cursor !== undefined && { cursor }),
  }
}

const DAY_MS = 86_400_000

/**
 * A date input sends YYYY-MM-DD; a hand-written URL may carry a full ISO 8601 time. A bare date is a
 * whole UTC day, so "until" a date includes that day (the store's upper bound is exclusive).
 */
function parseDate(name: string, value: string, endOfDay: boolean): Date | undefined {
  if (value === '') return undefined
  const time = parseIsoTime(name, value)
  return endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(time.getTime() + DAY_MS) : time
}
