import { createHash } from 'node:crypto'
import type { ParsedEntry } from '../model/index.js'

/**
 * Bumped whenever normalize/ or dedupe/ would turn the same entry into a different stored item, so
 * that items stored by an older version are worked out again once rather than kept as they were.
 */
const READ_VERSION = 1

/** What normalizing an entry depends on besides the entry: the URLs it is resolved against and the content cap. */
export interface RawEntryContext {
  readonly feedUrl: string
  readonly siteUrl: string | null
  readonly maxContentBytes: number
}

/**
 * Returns a hash (hex SHA-256) of a parsed entry and everything its normalized item depends on: two
 * entries with the same hash normalize to the same item (but for the clock's future-date check).
 * Never throws.
 */
export function rawEntryHash(entry: ParsedEntry, context: RawEntryContext): string {
  return createHash('sha256')
    .update(`${READ_VERSION}\n${context.feedUrl}\n${context.siteUrl ?? ''}\n${context.maxContentBytes}\n`)
    .update(JSON.stringify(entry))
    .digest('hex')
}
