import { InputError } from '../errors.js'
import { isStorableTime } from '../input/index.js'

/** A keyset position in a newest-first listing: the sort time and id of the last row of a page. */
export interface KeysetPosition {
  readonly at: Date
  readonly id: number
}

/** A keyset position in a relevance-ranked listing, with the newest item id the listing started from. */
export interface RankPosition {
  readonly rank: number
  readonly id: number
  readonly maxId: number
}

/** Encodes a newest-first position as an opaque URL-safe cursor. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.getTime()}.${position.id}`).toString('base64url')
}

/** Decodes a cursor made by encodeCursor; throws InputError for anything else. */
export function decodeCursor(cursor: string): KeysetPosition {
  return readKeyset(cursor, Buffer.from(cursor, 'base64url').toString('utf8'))
}

/**
 * Reads `<ms>.<id>`. A cursor we made holds a time JS Date and timestamptz both hold and an id
 * within bigint and exact as a JS number; anything else (an edited cursor) would fail in the
 * query as a 500, so it is refused here.
 */
function readKeyset(cursor: string, text: string): KeysetPosition {
  const match = /^(-?\d{1,16})\.(\d{1,16})$/.exec(text)
  if (match === null || !isStorableTime(Number(match[1])) || !Number.isSafeInteger(Number(match[2]))) throw invalidCursor(cursor)
  return { at: new Date(Number(match[1])), id: Number(match[2]) }
}

function invalidCursor(cursor: string): InputError {
  return new InputError(`cursor: invalid cursor "${cursor}"`)
}

/** A keyset position in a newest-first listing and the side of it a page lies on: older (a next page) or newer (a previous page). */
export interface DirectedPosition extends KeysetPosition {
  readonly direction: 'older' | 'newer'
}

// A cursor to newer rows carries a prefix; one to older rows is the plain cursor, so next-page links
// handed out before paging went both ways stay valid.
const NEWER_PREFIX = 'n:'

/** Encodes a directed position as an opaque URL-safe cursor. */
export function encodeDirectedCursor(position: DirectedPosition): string {
  if (position.direction === 'older') return encodeCursor(position)
  return Buffer.from(`${NEWER_PREFIX}${position.at.getTime()}.${position.id}`).toString('base64url')
}

/** Decodes a cursor made by encodeDirectedCursor (or encodeCursor, which points older); throws InputError for anything else. */
export function decodeDirectedCursor(cursor: string): DirectedPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!text.startsWith(NEWER_PREFIX)) return { ...readKeyset(cursor, text), direction: 'older' }
  return { ...readKeyset(cursor, text.slice(NEWER_PREFIX.length)), direction: 'newer' }
}

/** Encodes a ranked position as an opaque URL-safe cursor. */
export function encodeRankCursor(position: RankPosition): string {
  return Buffer.from(`r:${position.rank}:${position.id}:${position.maxId}`).toString('base64url')
}

/** Decodes a cursor made by encodeRankCursor; throws InputError for anything else. */
export function decodeRankCursor(cursor: string): RankPosition {
  const match = /^r:(\d+(?:\.\d+)?(?:e-?\d+)?):(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (match === null) throw invalidCursor(cursor)
  const [rank, id, maxId] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // The rank is compared as a real (float4), which refuses a value that overflows it or underflows to 0.
  const real = Math.fround(rank)
  if (!Number.isFinite(real) || (real === 0 && rank !== 0) || !Number.isSafeInteger(id) || !Number.isSafeInteger(maxId)) throw invalidCursor(cursor)
  return { rank, id, maxId }
}
