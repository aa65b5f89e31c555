import type { Collection, FeedStatus, StoredItem } from '../../../src/model/index.js'

/** Hostile text a feed could carry: markup, an attribute break-out, and an entity. */
export const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(2)> &amp;`

/** A feed status with every field set to a quiet default. */
export function feedStatus(fields: Partial<FeedStatus> & Pick<FeedStatus, 'id'>): FeedStatus {
  return {
    url: `https://feeds.example/${fields.id}.xml`,
    title: `Feed ${fields.id}`,
    siteUrl: `https://feeds.example/${fields.id}/`,
    description: null,
    etag: null,
    lastModified: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    lastFetchedAt: new Date('2026-01-05T10:00:00Z'),
    lastSuccessAt: new Date('2026-01-05T10:00:00Z'),
    nextFetchAt: new Date('2026-01-05T11:00:00Z'),
    errorCount: 0,
    lastError: null,
    disabledReason: null,
    lastStatus: 200,
    retryAfter: null,
    pendingRedirect: null,
    lastRedirects: [],
    guidChanges: 0,
    urlHistory: [],
    scheduleHints: { ttlMinutes: null, updatePeriodSeconds: null, skipHours: [], skipDays: [], publishIntervalSeconds: null },
    itemCount: 3,
    collections: [],
    ...fields,
  }
}

/** A collection with no filters. */
export function collection(fields: Partial<Collection> & Pick<Collection, 'name'>): Collection {
  return { id: 1, title: null, description: null, includeTerms: [], excludeTerms: [], mergeNearDuplicates: true, sourcePriority: [], maxAgeSeconds: null, perSourceCap: null, feedCount: 0, ...fields }
}

/** A stored item as a search returns it. */
export function storedItem(fields: Partial<StoredItem> & Pick<StoredItem, 'id'>): StoredItem {
  return {
    storyId: `urn:uuid:00000000-0000-4000-8000-00000000000${fields.id}`,
    feedId: 1,
    url: `https://a.example/${fields.id}`,
    title: `Item ${fields.id}`,
    author: null,
    publishedAt: new Date('2026-01-02T03:04:05Z'),
    updatedAt: null,
    summary: null,
    contentHtml: null,
    categories: [],
    enclosures: [],
    snippet: null,
    matchRule: 'first',
    matchDistance: null,
    ...fields,
  }
}
