const ELLIPSIS = '…'

// Cuts at a word boundary when one falls in the last third of the allowance. `maxChars` >= 1.
/** Returns the text cut to at most `maxChars` UTF-16 code units, ending in an ellipsis when cut. Never throws. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  let cut = Math.max(0, maxChars - ELLIPSIS.length)
  // Never split a surrogate pair (an emoji, say) in half.
  if (cut > 0 && /[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--
  const head = text.slice(0, cut)
  // The head already ends on a boundary when the text goes on with whitespace.
  const space = /\s/.test(text.charAt(cut)) ? cut : head.search(/\s\S*$/)
  const words = space >= (cut * 2) / 3 ? head.slice(0, space) : head
  // Linear: the lookbehind starts the match at the first character of a run, never inside it.
  return words.replace(/(?<![\s,;:.\-–—])[\s,;:.\-–—]+$/, '') + ELLIPSIS
}
