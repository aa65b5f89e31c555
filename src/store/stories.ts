import { sql, type SqlBool } from 'kysely'
import type { EnclosureJson } from '../db/index.js'
import type { EntrySource, StoryEntry } from '../model/index.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import type { Executor } from './executor.js'
import { termFilter } from './term-filter.js'

/** Which items make a collection: member feeds (null = every feed) and word filters. */
export interface StoryScope {
  readonly feedIds: readonly number[] | null
  readonly includeTerms: readonly string[]
  readonly excludeTerms: readonly string[]
}

/** A page of merged entries, newest first, with the cursor of the next (older) page. */
export interface StoryPage {
  readonly entries: readonly StoryEntry[]
  readonly nextCursor: string | null
}

/**
 * Lists a collection's stories newest first, one entry per story: the earliest copy in scope is the
 * representative and every feed in scope that carried it is a source. Throws InputError for a bad cursor.
 */
export async function listCollectionStories(
  db: Executor,
  scope: StoryScope,
  page: { limit: number; cursor?: string },
): Promise<StoryPage> {
  if (scope.feedIds !== null && scope.feedIds.length === 0) return { entries: [], nextCursor: null }
  const terms = termFilter(scope.includeTerms, scope.excludeTerms)
  let query = db.selectFrom('stories as s').select(['s.id', 's.public_id', 's.published_at', 's.updated_at'])
  if (scope.feedIds !== null || terms !== null) {
    query = query.where(({ exists, selectFrom }) => {
      let inScope = selectFrom('items as i').select('i.id').whereRef('i.story_id', '=', 's.id')
      if (scope.feedIds !== null) inScope = inScope.where('i.feed_id', 'in', scope.feedIds)
      if (terms !== null) inScope = inScope.where(terms)
      return exists(inScope)
    })
  }
  if (page.cursor !== undefined) {
    const after = decodeCursor(page.cursor)
    query = query.where(sql<SqlBool>`(s.published_at, s.id) < (${after.at}, ${after.id})`)
  }
  const stories = await query.orderBy('s.published_at', 'desc').orderBy('s.id', 'desc').limit(page.limit + 1).execute()
  const shown = stories.slice(0, page.limit)
  const copies = await listCopies(db, scope, shown.map((s) => s.id))
  const entries = shown.flatMap((story) => {
    const items = copies.get(story.id)
    return items === undefined ? [] : [toEntry(story, items)]
  })
  const last = shown.at(-1)
  return {
    entries,
    nextCursor: stories.length > page.limit && last !== undefined
      ? encodeCursor({ at: last.published_at, id: Number(last.id) })
      : null,
  }
}

interface CopyRow {
  story_id: string
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
      'i.story_id', 'i.feed_id', 'i.url', 'i.title', 'i.author', 'i.summary', 'i.content_html', 'i.sort_at',
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

function toEntry(story: { public_id: string; updated_at: Date }, copies: CopyRow[]): StoryEntry {
  const [first] = copies as [CopyRow, ...CopyRow[]]
  const sources: EntrySource[] = []
  for (const copy of copies) {
    if (sources.some((s) => s.feedId === copy.feed_id)) continue
    sources.push({ feedId: copy.feed_id, title: copy.feed_title, feedUrl: copy.feed_url, siteUrl: copy.feed_site_url, itemUrl: copy.url })
  }
  return {
    id: story.public_id,
    title: first.title,
    url: first.url,
    author: first.author,
    summary: first.summary,
    contentHtml: first.content_html,
    publishedAt: first.sort_at,
    updatedAt: story.updated_at > first.sort_at ? story.updated_at : first.sort_at,
    categories: first.categories,
    enclosures: first.enclosures,
    sources,
  }
}
