import { toPlainText } from './to-plain-text.js'

// RSS 2.0 <author> is "an email address of the author", conventionally "email (Name)";
// the reverse order and "Name <email>" also occur.
const EMAIL_THEN_NAME = /^[^\s@()]+@[^\s@()]+\s*\((.+)\)$/
const NAME_THEN_EMAIL = /^(.+?)\s*\([^\s@()]+@[^\s@()]+\)$/

/** Returns the display name in a raw author string as plain text, or null when nothing is left. Never throws. */
export function authorName(raw: string): string | null {
  // toPlainText also drops "<email>" in "Name <email>": it parses as a tag.
  const text = toPlainText(raw)
  const name = (EMAIL_THEN_NAME.exec(text) ?? NAME_THEN_EMAIL.exec(text))?.[1]?.trim() ?? text
  return name === '' ? null : name
}
