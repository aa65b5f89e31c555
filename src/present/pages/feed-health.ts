import type { FeedStatus } from '../../model/index.js'

/** How a feed is doing, in a word or two, and the tone a page colours it with. */
export interface FeedHealth {
  readonly kind: 'ok' | 'failing' | 'disabled' | 'new'
  readonly label: string
  readonly tone: 'ok' | 'warn' | 'bad' | 'muted'
}

/** Returns a feed's health: disabled (with why) before failing (with how often in a row), then not fetched yet, else ok. */
export function feedHealth(feed: FeedStatus): FeedHealth {
  if (feed.disabledReason !== null) return { kind: 'disabled', label: `disabled: ${feed.disabledReason}`, tone: 'bad' }
  if (feed.lastError !== null) return { kind: 'failing', label: `failing ${feed.errorCount}×`, tone: 'warn' }
  if (feed.lastSuccessAt === null) return { kind: 'new', label: 'not fetched yet', tone: 'muted' }
  return { kind: 'ok', label: 'ok', tone: 'ok' }
}
