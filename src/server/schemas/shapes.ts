/**
 * JSON Schemas of what the API returns, shared by the routes (fastify serializes responses with them)
 * and the OpenAPI document. They mirror src/present/json-shapes.ts field for field.
 */

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra }) as const
const dateTime = { type: 'string', format: 'date-time' } as const
const nullableDateTime = nullable('string', { format: 'date-time' })

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'Every error: a stable snake_case code and a message for people.',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const

export const itemSchema = {
  $id: 'Item',
  type: 'object',
  description: 'One feed\'s copy of a story.',
  properties: {
    id: { type: 'integer' },
    story_id: { type: 'string', description: 'The story\'s stable public id (urn:uuid), shared by every copy.' },
    feed_id: { type: 'integer' },
    url: nullable('string'),
    title: { type: 'string' },
    author: nullable('string'),
    published_at: { ...dateTime, description: 'The feed\'s date, or when the item was first seen if it had none.' },
    updated_at: nullableDateTime,
    summary: nullable('string', { description: 'Plain text, bounded.' }),
    content_html: nullable('string', { description: 'Sanitized HTML with absolute URLs.' }),
    categories: { type: 'array', items: { type: 'string' } },
    enclosures: {
      type: 'array',
      items: {
        type: 'object',
        properties: { url: { type: 'string' }, type: nullable('string'), length: nullable('integer') },
        additionalProperties: true,
      },
    },
    snippet: nullable('string', { description: 'With a search: the summary as HTML with matches in <mark>.' }),
    match_distance: nullable('integer', { description: 'For fingerprint and lead: differing bits (of 256) from the copy matched.' }),
    match_rule: { type: 'string', description: 'Why this copy joined its story: first (it started it), canonical_url, fingerprint (near-identical text), lead (a shorter copy of its opening), title (same specific headline, little text).' },
  },
  required: ['id', 'story_id', 'feed_id', 'url', 'title', 'published_at', 'categories', 'enclosures', 'match_rule'],
} as const

export const itemPageSchema = {
  $id: 'ItemPage',
  type: 'object',
  properties: {
    items: { type: 'array', items: { $ref: 'Item#' } },
    next_cursor: nullable('string', { description: 'Pass as `cursor` for the next page; null on the last.' }),
  },
  required: ['items', 'next_cursor'],
} as const

const feedProperties = {
  id: { type: 'integer' },
  url: { type: 'string' },
  title: nullable('string'),
  site_url: nullable('string'),
  collections: { type: 'array', items: { type: 'string' } },
  item_count: { type: 'integer' },
  last_fetched_at: nullableDateTime,
  last_success_at: nullableDateTime,
  last_error: {
    type: ['object', 'null'],
    properties: { code: { type: 'string' }, message: { type: 'string' } },
  },
  error_count: { type: 'integer', description: 'Failed fetches in a row.' },
  next_fetch_at: nullableDateTime,
  disabled_reason: nullable('string'),
  last_status: nullable('integer'),
  retry_after: nullableDateTime,
  pending_redirect: {
    type: ['object', 'null'],
    description: 'A permanent redirect seen on `seen` fetches in a row, not yet confirmed.',
    properties: { url: { type: 'string' }, seen: { type: 'integer' } },
  },
  guid_changes: { type: 'integer', description: 'Times the feed gave a known article (same link) a new guid; then links identify its items.' },
  last_redirects: {
    type: 'array',
    items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, status: { type: 'integer' } } },
  },
  url_history: {
    type: 'array',
    items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, at: dateTime } },
  },
} as const

export const feedSchema = {
  $id: 'Feed',
  type: 'object',
  description: 'A subscription with its fetch status.',
  properties: feedProperties,
  required: ['id', 'url', 'collections', 'item_count', 'error_count', 'last_error'],
} as const

export const subscribedFeedSchema = {
  $id: 'SubscribedFeed',
  type: 'object',
  description: 'The feed subscribed, and the other feeds the page offered when the URL was an HTML page.',
  properties: {
    ...feedProperties,
    alternates: {
      type: 'array',
      items: { type: 'object', properties: { url: { type: 'string' }, type: { type: 'string' }, title: nullable('string') } },
    },
  },
  required: ['id', 'url', 'alternates'],
} as const

export const collectionSchema = {
  $id: 'Collection',
  type: 'object',
  properties: {
    name: { type: 'string' },
    title: nullable('string'),
    description: nullable('string'),
    include: { type: 'array', items: { type: 'string' } },
    exclude: { type: 'array', items: { type: 'string' } },
    merge_near_duplicates: { type: 'boolean', description: 'False: copies grouped only by similar text are entries of their own.' },
    source_priority: { type: 'array', items: { type: 'integer' }, description: 'Feed ids, most preferred first, whose copy represents a story.' },
    max_age_seconds: { ...nullable('integer'), description: 'Stories published longer ago are left out; null for no limit.' },
    per_source_cap: { ...nullable('integer'), description: 'At most this many stories a day (UTC) from one source, its newest; null for no cap.' },
    feed_count: { type: 'integer' },
  },
  required: ['name', 'feed_count', 'include', 'exclude'],
} as const

/** Every shared schema, added to the app once so routes can `$ref` them. */
export const SHARED_SCHEMAS = [errorSchema, itemSchema, itemPageSchema, feedSchema, subscribedFeedSchema, collectionSchema]

/** Response schemas for the error statuses a route can answer with. */
export function errorResponses(...statuses: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries(statuses.map((status) => [status, { $ref: 'Error#' }]))
}
