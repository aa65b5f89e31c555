import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { collectionFeedPath } from '../present/index.js'
import type { RefreshResult } from '../refresh/index.js'
import { listCollectionNamesOfFeeds } from '../store/index.js'
import type { HubNotifier } from '../websub/index.js'

const FORMATS = ['atom', 'rss', 'json'] as const

/**
 * After a refresh pass, tells the WebSub hub which published feeds changed: the newest page of every
 * collection that holds a feed with new or edited items, in each format. One call per pass, so the
 * hub gets one ping per topic per change batch.
 */
export async function announceChanges(db: Kysely<Database>, hub: HubNotifier, publicUrl: string, results: readonly RefreshResult[]): Promise<void> {
  const changedFeeds = results.filter((r) => r.status === 'updated' && r.created + r.updated > 0).map((r) => r.feedId)
  const names = await listCollectionNamesOfFeeds(db, changedFeeds)
  hub.notify(names.flatMap((name) => FORMATS.map((format) => publicUrl + collectionFeedPath(name, format))))
}
