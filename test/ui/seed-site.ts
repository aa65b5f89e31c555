import type { Kysely } from 'kysely'
import { identifyItems } from '../../src/dedupe/index.js'
import type { Database } from '../../src/db/index.js'
import { storeFeedItems } from '../helpers/store-items.js'
import { recordFetchFailure, recordFetchSuccess, subscribeFeed } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'

const HOUR_MS = 3_600_000

/** What seedSite stored, for tests to look for. */
export interface SeededSite {
  readonly wireFeedId: number
  readonly paperFeedId: number
  /** Items whose text says "river": one more than a search page holds, so there is a next page. */
  readonly riverItems: number
  /** The headline both feeds carry, grouped into one story by its shared link. */
  readonly sharedTitle: string
}

/**
 * Stores a small site: a wire feed (collection "news", fetched fine) with many "river" items, a paper
 * feed (collection "papers", failing) carrying one of the wire's stories under the same link, and a
 * hostile feed title. Item dates fall within the five days before `now` (4 hours apart), so all of them count in
 * the feeds page's seven-day activity window whatever the time of day `now` is.
 */
export async function seedSite(db: Kysely<Database>, now: Date, pageSize: number): Promise<SeededSite> {
  const wire = (await subscribeFeed(db, { url: 'https://wire.example/feed.xml', title: 'Wire Service', collections: ['news'] })).feed
  const paper = (await subscribeFeed(db, { url: 'https://paper.example/rss', title: 'Daily <Paper> & Co', collections: ['papers'] })).feed
  await subscribeFeed(db, { url: 'https://quiet.example/feed', title: null, collections: [] })
  const riverItems = pageSize + 5
  const sharedTitle = 'River flood closes the old bridge'
  const wireItems = Array.from({ length: riverItems }, (_, i) => buildItem({
    guid: `wire-${i}`,
    url: i === 0 ? 'https://wire.example/flood' : `https://wire.example/river-${i}`,
    title: i === 0 ? sharedTitle : `River report number ${i}`,
    summary: `The river rose again on day ${i}; crews watched the banks.`,
    publishedAt: new Date(now.getTime() - (i * 4 + 1) * HOUR_MS),
  }))
  await storeFeedItems(db, wire, wire.title, identifyItems(wireItems), now)
  await storeFeedItems(db, paper, paper.title, identifyItems([
    buildItem({ guid: 'p-1', url: 'https://wire.example/flood?utm_source=paper', title: `${sharedTitle} (Paper)`, summary: 'The river flooded the bridge.', publishedAt: new Date(now.getTime() - 2 * HOUR_MS) }),
    buildItem({ guid: 'p-2', url: 'https://paper.example/markets', title: 'Markets calm', summary: 'Nothing moved.', publishedAt: new Date(now.getTime() - 30 * HOUR_MS) }),
  ]), now)
  const answer = { redirects: [], pendingRedirect: null, moveTo: null }
  await recordFetchSuccess(db, wire, {
    ...answer, fetchedAt: now, nextFetchAt: new Date(now.getTime() + HOUR_MS), httpStatus: 200, etag: null, lastModified: null,
  })
  for (const attempt of [1, 2]) {
    await recordFetchFailure(db, paper, {
      ...answer, fetchedAt: new Date(now.getTime() - attempt * HOUR_MS), nextFetchAt: new Date(now.getTime() + 2 * HOUR_MS), httpStatus: 503,
      code: 'fetch_http_5xx', message: 'fetch: unexpected status 503 from https://paper.example/rss', retryAfter: null, disabledReason: null,
    })
  }
  return { wireFeedId: wire.id, paperFeedId: paper.id, riverItems, sharedTitle }
}
