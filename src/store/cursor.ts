import { InputError } from '../errors.js'

/** A keyset position: the sort time and id of the last row of a page. */
export interface KeysetPosition {
  readonly at: Date
  readonly id: number
}

/** Encodes a keyset position as an opaque URL-safe cursor. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.getTime()}.${position.id}`).toString('base64url')
}

/** Decodes a cursor made by encodeCursor; throws InputError for anything else. */
export function decodeCursor(cursor: string): KeysetPosition {
  const match = /^(-?\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (match === null) throw new InputError(`cursor: invalid cursor "${cursor}"`)
  return { at: new Date(Number(match[1])), id: Number(match[2]) }
}
