import { InvalidArgumentError } from 'commander'

/** Commander reducer for a repeatable option: `--x a --x b` → ['a', 'b']. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** Splits "a, b c, d" into ["a", "b c", "d"]; phrases keep their inner spaces; "" clears. */
export function splitTerms(value: string | undefined): string[] {
  if (value === undefined) return []
  return value.split(',').map((t) => t.trim()).filter((t) => t !== '')
}

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 }

/** "none" clears a limit; kept as a word because commander turns a parser's null into "". */
export type Limit = number | 'none'

/** Parses "90m", "36h", "7d", "2w" into seconds; "none" stays. */
export function parseAge(value: string): Limit {
  if (value === 'none') return value
  const match = /^(\d{1,6})([mhdw])$/.exec(value.trim())
  if (match === null || Number(match[1]) === 0) throw new InvalidArgumentError('use a number with a unit: 90m, 36h, 7d or 2w (or "none")')
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!
}

/** Parses a positive whole number; "none" stays. */
export function parseCap(value: string): Limit {
  if (value === 'none') return value
  if (!/^\d{1,6}$/.test(value) || Number(value) === 0) throw new InvalidArgumentError('use a whole number from 1 (or "none")')
  return Number(value)
}
