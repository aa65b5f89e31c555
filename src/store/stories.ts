import { createHash } from 'node:crypto'
import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { EnclosureJson } from '../db/index.js'
import type { EntrySource, StoryEntry } from '../model/index.js'
import { decodeDirectedCursor, encodeDirectedCursor, type DirectedPosition, type KeysetPosition } from './cursor.js'
import type { Executor } from './executor.js'
import { termFilter } from './term-filter.js'

/** Which items make a collection (member feeds, null = every feed; word filters) and how stories show. */
export interface StoryScope {
  readonly feedIds: readonly number[] | null
  readonly includeTerms: readonly string[]
  readonly excludeTerms: readonly string[]
  /** False: copies grouped only by similar text get entries of their own. Default true. */
  readonly mergeNearDuplicates?: boolean
  /** Feed ids, most preferred first; their copy represents a story. Default: the earliest copy. */
  readonly sourcePriority?: readonly number[]
  /** Leave out stories published longer ago than this. */
  readonly maxAgeSeconds?: number | null
  /** At most this many stories a day (UTC) from one feed, its newest; a story stays while any of its copies is within its feed's cap. */
  readonly perSourceCap?: number | null
}

/** Rules that group copies by their text rather than by their link; see dedupe/same-story.ts. */
const TEXT_RULES = new Set(['fingerprint', 'lead', 'title'])

/** A page of merged entries, newest first, with the ways to the pages on either side of it. */
export interface StoryPage {
  readonly entries: readonly StoryEntry[]
  /** Cursor of the next (older) page; null on the last page. */
  readonly nextCursor: string | null
  /**
   * The previous (newer) page: null on the first page; `{ cursor: null }` when the previous page is
   * the first page (the stories newer than this page fit on it); else the cursor of that page.
   */
  readonly previous: { readonly cursor: string | null } | null
}

const FIRST_PAGE = Object.freeze({ cursor: null })

/**
 * Lists a collection's stories newest first, one entry per story: the copy from the most preferred
 * source (else the earliest copy) in scope represents it and every feed in scope that carried it is
 * a source. With near-duplicate merging off, a copy grouped only by its text is an entry of its own
 * (so a page may hold a few more entries than `limit`). Pages are keyset pages (see pageWindow): a
 * story arriving between requests never shifts an older page. Throws InputError for a bad cursor.
 */
export async function listCollectionStories(
  db: Executor,
  scope: StoryScope,
  page: { limit: number; cursor?: string },
): Promise<StoryPage> {
  const position = page.cursor === undefined ? null : decodeDirectedCursor(page.cursor)
  if (scope.feedIds !== null && scope.feedIds.length === 0) {
    return { entries: [], nextCursor: null, previous: position === null ? null : FIRST_PAGE }
  }
  const { shown, nextCursor, previous } = await pageWindow(storiesInScope(db, scope), position, page.limit)
  const copies = await listCopies(db, scope, shown.map((s) => s.id))
  const priority = scope.sourcePriority ?? []
  const rank = (copy: CopyRow): number => (priority.includes(copy.feed_id) ? priority.indexOf(copy.feed_id) : priority.length)
  const entries = shown.flatMap((story) => {
    const items = copies.get(story.id)
    if (items === undefined) return []
    const groups = scope.mergeNearDuplicates === false ? splitTextMatches(story, items) : [{ id: story.public_id, copies: items }]
    return groups.map((group) => toEntry(group.id, story.updated_at, [...group.copies].sort((a, b) => rank(a) - rank(b))))
  })
  return { entries, nextCursor, previous }
}

type StoryKeyQuery = ReturnType<typeof storiesInScope>
type StoryKey = Awaited<ReturnType<StoryKeyQuery['execute']>>[number]

/**
 * Picks a page's stories by keyset on (published_at, id), and the cursors around it. A cursor to
 * older stories shows the `limit` just older than its position. One to newer stories shows the
 * `limit` just newer, or the first page when no more than `limit` are newer, so walking back always
 * ends on the first page.
 */
async function pageWindow(
  query: StoryKeyQuery,
  position: DirectedPosition | null,
  limit: number,
): Promise<{ shown: StoryKey[]; nextCursor: string | null; previous: StoryPage['previous'] }> {
  const olderThan = (key: KeysetPosition) => query.where(sql<SqlBool>`(s.published_at, s.id) < (${key.at}, ${key.id})`)
  const newerThan = (key: KeysetPosition) => query.where(sql<SqlBool>`(s.published_at, s.id) > (${key.at}, ${key.id})`)
  const oldestFirst = (key: KeysetPosition, count: number) =>
    newerThan(key).orderBy('s.published_at').orderBy('s.id').limit(count).execute()
  if (position?.direction === 'newer') {
    // This page and up to a page beyond it: enough to tell whether the page before it is the first.
    const newer = await oldestFirst(position, 2 * limit + 1)
    if (newer.length > limit) {
      const shown = newer.slice(0, limit).reverse()
      const [newest, oldest] = [shown[0]!, shown.at(-1)!]
      const hasOlder = (await olderThan(keyOf(oldest)).limit(1).execute()).length > 0
      return {
        shown,
        nextCursor: hasOlder ? cursorTo(oldest, 'older') : null,
        previous: newer.length > 2 * limit ? { cursor: cursorTo(newest, 'newer') } : FIRST_PAGE,
      }
    }
  }
  const after = position?.direction === 'older' ? position : null
  const stories = await (after === null ? query : olderThan(after))
    .orderBy('s.published_at', 'desc').orderBy('s.id', 'desc').limit(limit + 1).execute()
  const shown = stories.slice(0, limit)
  const [newest, oldest] = [shown[0], shown.at(-1)]
  const nextCursor = stories.length > limit && oldest !== undefined ? cursorTo(oldest, 'older') : null
  if (after === null) return { shown, nextCursor, previous: null }
  if (newest === undefined) return { shown, nextCursor, previous: FIRST_PAGE }
  const newer = await oldestFirst(keyOf(newest), limit + 1)
  return { shown, nextCursor, previous: newer.length > limit ? { cursor: cursorTo(newest, 'newer') } : FIRST_PAGE }
}

function keyOf(story: StoryKey): KeysetPosition {
  return { at: story.published_at, id: Number(story.id) }
}

function cursorTo(story: StoryKey, direction: DirectedPosition['direction']): string {
  return encodeDirectedCursor({ ...keyOf(story), direction })
}

/** The stories with at least one copy in scope: from a member feed, passing the word filters and its feed's daily cap. */
function storiesInScope(db: Executor, scope: StoryScope) {
  const terms = termFilter(scope.includeTerms, scope.excludeTerms)
  const cap = scope.perSourceCap ?? null
  let query = db.selectFrom('stories as s').select(['s.id', 's.public_id', 's.published_at', 's.updated_at'])
  if (scope.maxAgeSeconds != null) {
    query = query.where(sql<SqlBool>`s.published_at >= now() - make_interval(secs => ${scope.maxAgeSeconds})`)
  }
  if (scope.feedIds === null && terms === null && cap === null) return query
  return query.where(({ exists, selectFrom }) => {
    let inScope = selectFrom('items as i').select('i.id').whereRef('i.story_id', '=', 's.id')
    if (scope.feedIds !== null) inScope = inScope.where('i.feed_id', 'in', scope.feedIds)
    if (terms !== null) inScope = inScope.where(terms)
    if (cap !== null) inScope = inScope.where(withinDailyCap(cap, terms !== null ? termFilter(scope.includeTerms, scope.excludeTerms, 'j') : null))
    return exists(inScope)
  })
}

/**
 * True for an item `i` among the `cap` newest of its feed's items in scope on its UTC day. Counting stops
 * at `cap`, so the cost per story is bounded by the cap (index items_feed_sort_idx).
 */
function withinDailyCap(cap: number, terms: RawBuilder<SqlBool> | null) {
  return sql<SqlBool>`(select count(*) from (
    select 1 from items j
    where j.feed_id = i.feed_id
      and j.sort_at >= date_trunc('day', i.sort_at, 'UTC') and j.sort_at < date_trunc('day', i.sort_at, 'UTC') + interval '1 day'
      and (j.sort_at, j.id) > (i.sort_at, i.id)${terms === null ? sql`` : sql` and ${terms}`}
    limit ${cap}
  ) newer) < ${cap}`
}

interface CopyRow {
  id: string
  story_id: string
  match_rule: string
  feed_id: number
  url: string | null
  title: string
  author: string | null
  summary: string | null
  content_html: string | null
  sort_at: Date
  categories: string[]
  enclosures: EnclosureJson[]
  feed_url: string
  feed_title: string | null
  feed_site_url: string | null
}

async function listCopies(db: Executor, scope: StoryScope, storyIds: string[]): Promise<Map<string, CopyRow[]>> {
  const byStory = new Map<string, CopyRow[]>()
  if (storyIds.length === 0) return byStory
  let query = db
    .selectFrom('items as i')
    .innerJoin('feeds as f', 'f.id', 'i.feed_id')
    .select([
      'i.id', 'i.story_id', 'i.match_rule', 'i.feed_id', 'i.url', 'i.title', 'i.author', 'i.summary', 'i.content_html', 'i.sort_at',
      'i.categories', 'i.enclosures', 'f.url as feed_url', sql<string | null>`coalesce(f.user_title, f.title)`.as('feed_title'),
      'f.site_url as feed_site_url',
    ])
    .where('i.story_id', 'in', storyIds)
  if (scope.feedIds !== null) query = query.where('i.feed_id', 'in', scope.feedIds)
  const terms = termFilter(scope.includeTerms, scope.excludeTerms)
  if (terms !== null) query = query.where(terms)
  for (const row of await query.orderBy('i.sort_at').orderBy('i.id').execute()) {
    const list = byStory.get(row.story_id) ?? []
    list.push(row)
    byStory.set(row.story_id, list)
  }
  return byStory
}

/**
 * Splits off the copies that joined the story by text alone. Each gets an id derived from the story's
 * id and its own item id (a name-based UUID, RFC 9562 §5.5), both fixed forever, so the split entry's
 * id is as stable as the story's.
 */
function splitTextMatches(story: { public_id: string }, copies: CopyRow[]): { id: string; copies: CopyRow[] }[] {
  const linked = copies.filter((copy) => !TEXT_RULES.has(copy.match_rule))
  const alone = copies.filter((copy) => TEXT_RULES.has(copy.match_rule)).map((copy) => ({ id: itemEntryId(story.public_id, copy.id), copies: [copy] }))
  return linked.length > 0 ? [{ id: story.public_id, copies: linked }, ...alone] : alone
}

function itemEntryId(storyId: string, itemId: string): string {
  const hex = createHash('sha1').update(`${storyId}#${itemId}`).digest('hex')
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function toEntry(id: string, storyUpdatedAt: Date, copies: CopyRow[]): StoryEntry {
  const [first] = copies as [CopyRow, ...CopyRow[]]
  const sources: EntrySource[] = []
  for (const copy of copies) {
    if (sources.some((s) => s.feedId === copy.feed_id)) continue
    sources.push({ feedId: copy.feed_id, title: copy.feed_title, feedUrl: copy.feed_url, siteUrl: copy.feed_site_url, itemUrl: copy.url })
  }
  return {
    id,
    title: first.title,
    url: first.url,
    author: first.author,
    summary: first.summary,
    contentHtml: first.content_html,
    publishedAt: first.sort_at,
    updatedAt: storyUpdatedAt > first.sort_at ? storyUpdatedAt : first.sort_at,
    categories: first.categories,
    enclosures: first.enclosures,
    sources,
  }
}
