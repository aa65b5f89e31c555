import type { Person } from '../model/index.js'
import { resolveUrl } from './resolve-url.js'
import { cleanText, toPlainText } from './to-plain-text.js'

// RSS 2.0 <author> is "an email address of the author", conventionally "email (Name)"; the
// reverse order and "Name <email>" also occur, in RSS text and in misused Atom names.
const EMAIL = String.raw`(?:mailto:)?([^\s@()<>,;:"]+@[^\s@()<>,;:"]+)`
// A name ends in a non-space, so the spaces before the email are read once (`(.*?)\s*` rescanned
// them from every position: quadratic). Splitting trimmed text, NAME_THEN_EMAIL needs no other case.
const NAME_ANGLE_EMAIL = new RegExp(String.raw`^(.*?\S)?\s*<${EMAIL}>$`, 'i')
const EMAIL_THEN_NAME = new RegExp(String.raw`^${EMAIL}\s*\((.+)\)$`, 'i')
const NAME_THEN_EMAIL = new RegExp(String.raw`^(.*?\S)\s*\(${EMAIL}\)$`, 'i')
const EMAIL_ONLY = new RegExp(String.raw`^${EMAIL}$`, 'i')
const MAX_PERSON_CHARS = 512

// Names become plain text and home pages absolute (against `baseUrl`); people left with nothing
// are dropped, and the same person named twice (RSS <author> and <dc:creator>, say) is merged.
/** Returns the people with plain-text names, split RSS "email (Name)" texts and absolute URLs, without duplicates. Never throws. */
export function normalizePeople(people: readonly Person[], baseUrl: string | null): Person[] {
  const result: Person[] = []
  for (const raw of people) {
    const person = normalizePerson(raw, baseUrl)
    if (person === null) continue
    const same = result.findIndex((other) => samePerson(other, person))
    if (same < 0) {
      result.push(person)
      continue
    }
    const other = result[same] as Person
    result[same] = { name: other.name ?? person.name, email: other.email ?? person.email, url: other.url ?? person.url }
  }
  return result
}

function normalizePerson(person: Person, baseUrl: string | null): Person | null {
  const { name, email } = person.email === null && person.name !== null ? splitEmail(person.name) : person
  const url = resolveUrl(person.url, baseUrl)
  const plainName = name === null ? '' : /[<&]/.test(name) ? toPlainText(name) : cleanText(name)
  const plainEmail = cleanText(email?.replace(/^mailto:/i, '') ?? '')
  if (plainName === '' && plainEmail === '' && url === null) return null
  return { name: plainName || null, email: plainEmail || null, url }
}

function splitEmail(text: string): { name: string | null; email: string | null } {
  // Collapsed first, so no pattern below meets a long run of whitespace; a "name" too long to be
  // one is not searched for an email at all.
  const value = cleanText(text)
  if (value.length > MAX_PERSON_CHARS) return { name: value, email: null }
  let match = NAME_ANGLE_EMAIL.exec(value)
  if (match !== null) return { name: match[1] || null, email: match[2] ?? null }
  match = EMAIL_THEN_NAME.exec(value)
  if (match !== null) return { name: match[2] ?? null, email: match[1] ?? null }
  match = NAME_THEN_EMAIL.exec(value)
  if (match !== null) return { name: match[1] ?? null, email: match[2] ?? null }
  match = EMAIL_ONLY.exec(value)
  if (match !== null) return { name: null, email: match[1] ?? null }
  return { name: value, email: null }
}

function samePerson(a: Person, b: Person): boolean {
  if (a.name !== null && b.name !== null) return a.name.toLowerCase() === b.name.toLowerCase()
  return a.email !== null && a.email.toLowerCase() === b.email?.toLowerCase()
}
