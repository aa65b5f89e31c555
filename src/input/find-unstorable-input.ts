import { InputError } from '../errors.js'

// PostgreSQL text cannot hold U+0000 (its strings end there), and jsonb refuses an unpaired
// surrogate; pg would send one in text as U+FFFD, quietly changing what the user wrote.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Where a value holds text PostgreSQL cannot store or a number beyond a double (a JSON-pointer-like path, '' for the value itself), and what is wrong with it. */
export interface UnstorableInput {
  readonly path: string
  readonly problem: string
}

/** What in `text` PostgreSQL cannot store, as words ("U+0000 (NUL)"), or null when it can store all of it. */
function unstorablePart(text: string): string | null {
  const found = UNSTORABLE.exec(text)
  if (found === null) return null
  if (found[0] === '\u0000') return 'U+0000 (NUL)'
  return `an unpaired surrogate (U+${found[0].charCodeAt(0).toString(16).toUpperCase()})`
}

/**
 * Returns the first string in `value` that PostgreSQL cannot store, or number that is not finite,
 * walking arrays and objects (keys and values), or null. A non-finite number is what JSON.parse and
 * ajv's coercion make of digits beyond a double ("1e309" is Infinity), never what a client meant.
 * Iterative, so a deeply nested JSON body cannot overflow the stack. Never throws.
 */
export function findUnstorableInput(value: unknown): UnstorableInput | null {
  const pending: [unknown, string][] = [[value, '']]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, path] = next
    if (typeof current === 'string') {
      const part = unstorablePart(current)
      if (part !== null) return { path, problem: `must not contain ${part}` }
    } else if (typeof current === 'number') {
      if (!Number.isFinite(current)) return { path, problem: 'must be a finite number' }
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], `${path}/${i}`])
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current).reverse()) {
        const part = unstorablePart(key)
        if (part !== null) return { path, problem: `must not have a key containing ${part}` }
        pending.push([child, `${path}/${key}`])
      }
    }
  }
  return null
}

/** Returns `text` when PostgreSQL can store it; throws InputError naming `name` otherwise. */
export function assertStorableText(name: string, text: string): string {
  const part = unstorablePart(text)
  if (part !== null) throw new InputError(`${name} must not contain ${part}`)
  return text
}
