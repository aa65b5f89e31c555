import { sql } from 'kysely'
import { NotFoundError } from '../errors.js'
import type { Executor } from './executor.js'

/** One feed's copy of a story, with the feed it came from and why it joined the story. */
export interface StoryCopy {
  readonly itemId: number
  readonly url: string | null
  readonly title: string
  readonly author: string | null
  readonly summary: string | null
  /** The feed's date, or the time the item was first seen when the feed gave none. */
  readonly publishedAt: Date
  readonly firstSeenAt: Date
  readonly feed: { readonly id: number; readonly title: string | null; readonly url: string; readonly siteUrl: string | null }
  /** Why this copy joined its story: `first`, `canonical_url`, or a later rule such as `fingerprint`. */
  readonly matchRule: string
  /** How far apart the texts were for a similarity rule; null for exact rules. */
  readonly matchDistance: number | null
}

/** A story and every stored copy of it, in the order they arrived. */
export interface StoryCopies {
  /** The story's public id (a urn:uuid). */
  readonly id: string
  readonly publishedAt: Date
  readonly updatedAt: Date
  readonly copies: readonly StoryCopy[]
}

/** Returns every copy of the story with this public id, oldest arrival first; throws NotFoundError when it has none. */
export async function getStoryCopiesOrThrow(db: Executor, publicId: string): Promise<StoryCopies> {
  const rows = await db
    .selectFrom('stories as s')
    .innerJoin('items as i', 'i.story_id', 's.id')
    .innerJoin('feeds as f', 'f.id', 'i.feed_id')
    .select([
      's.public_id', 's.published_at as story_published_at', 's.updated_at as story_updated_at',
      'i.id', 'i.url', 'i.title', 'i.author', 'i.summary', 'i.sort_at', 'i.first_seen_at', 'i.match_rule', 'i.match_distance',
      'f.id as feed_id', 'f.url as feed_url', sql<string | null>`coalesce(f.user_title, f.title)`.as('feed_title'), 'f.site_url as feed_site_url',
    ])
    .where('s.public_id', '=', publicId)
    // Item ids follow arrival, so the copy that started the story comes first and each reason reads in order.
    .orderBy('i.id')
    .execute()
  const [first] = rows
  if (first === undefined) throw new NotFoundError(`stories: no story ${publicId}`)
  return {
    id: first.public_id,
    publishedAt: first.story_published_at,
    updatedAt: first.story_updated_at,
    copies: rows.map((row) => ({
      itemId: Number(row.id),
      url: row.url,
      title: row.title,
      author: row.author,
      summary: row.summary,
      publishedAt: row.sort_at,
      firstSeenAt: row.first_seen_at,
      feed: { id: row.feed_id, title: row.feed_title, url: row.feed_url, siteUrl: row.feed_site_url },
      matchRule: row.match_rule,
      matchDistance: row.match_distance,
    })),
  }
}
