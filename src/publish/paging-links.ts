import type { CleanFeed } from './clean-input.js'

/** An RFC 5005 §3 paging link of a feed document. */
export interface PagingLink {
  readonly rel: 'first' | 'previous' | 'next'
  readonly href: string
}

/**
 * Returns the paging links of a document: first always, previous unless it is the first page, next
 * unless it is the last. "previous" is the relation RFC 5005 registers; HTML's "prev" is left out,
 * as a second name for the same link would only say it twice.
 */
export function pagingLinks(feed: Pick<CleanFeed, 'firstUrl' | 'previousUrl' | 'nextUrl'>): PagingLink[] {
  return [
    { rel: 'first', href: feed.firstUrl },
    ...(feed.previousUrl === null ? [] : [{ rel: 'previous' as const, href: feed.previousUrl }]),
    ...(feed.nextUrl === null ? [] : [{ rel: 'next' as const, href: feed.nextUrl }]),
  ]
}
