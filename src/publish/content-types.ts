import type { PublishFormat } from './publish-input.js'

/** The Content-Type to serve each format with (RFC 4287 §7, RSS Advisory Board, JSON Feed 1.1). */
export const CONTENT_TYPES: Readonly<Record<PublishFormat, string>> = Object.freeze({
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
})
