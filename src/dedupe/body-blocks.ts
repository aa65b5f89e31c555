import { stripBoilerplate } from './strip-boilerplate.js'
import { textBlocks } from './text-blocks.js'
import { wordTokens } from './word-tokens.js'

/**
 * How summaries end when cut: an ellipsis ("…", "...", WordPress excerpts' "[…]", "(more…)"),
 * optionally followed by a "Read more"/"Continue reading" link, or that link alone.
 */
const ELLIPSIS = String.raw`\[\s*(?:…|\.\.\.)\s*\]|\(\s*more\s*(?:(?:…|\.\.\.)\s*)?\)|…|\.\.\.`
const READ_MORE = String.raw`(?:read more|continue reading|read the full (?:story|article))\b[^\p{L}\p{N}]*`
// Linear: no two `\s*` meet (one follows the optional ellipsis inside it), and the lookbehind starts
// the match where spaces start, not at each of them.
const TRUNCATION_MARKER = new RegExp(String.raw`(?<!\s)\s*(?:(?:${ELLIPSIS})\s*(?:${READ_MORE})?|${READ_MORE})$`, 'iu')

/**
 * Returns the words of an article body (HTML or plain text), block by block, without the site's
 * boilerplate (see stripBoilerplate), NFKC-normalized and lowercased. A body that ends in a truncation
 * marker loses its last word too, which may have been cut in half. Never throws.
 */
export function bodyBlocks(content: string, title: string): (readonly string[])[] {
  const blocks = stripBoilerplate(textBlocks(content), title)
  const last = blocks.at(-1)
  if (last === undefined) return []
  const cut = last.text.replace(TRUNCATION_MARKER, '')
  const words = blocks.slice(0, -1).map((block) => block.words)
  words.push(cut === last.text ? last.words : wordTokens(cut).slice(0, -1))
  return words.filter((block) => block.length > 0)
}
