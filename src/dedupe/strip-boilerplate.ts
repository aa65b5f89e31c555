import { wordTokens } from './word-tokens.js'

// What sites wrap around a syndicated article, as one scraped copy shows (shared/seed: breadcrumb
// "Home » <title>", the title again, "by admin", a "See also <other headline> Info" line, "You may also
// like", "Leave a Comment", an Akismet notice, a cookie banner) plus the usual feed furniture (WordPress
// "The post … appeared first on …", share bars, newsletter boxes, ads, tags, copyright lines, photo
// credits). Each rule looks at one block (paragraph or line) and only drops short blocks, so prose
// that merely mentions a newsletter or cookies stays.

/** A block that introduces a list of links to other articles: the list (short blocks) goes with it. */
const LIST_HEADING = anyOf([
  'you (?:may|might) (?:also )?(?:like|enjoy)', 'related(?: posts| articles| stories| news| content| coverage| reading)?',
  'recommended(?: for you| stories| articles)?', 'more (?:stories|news|from [\\p{L}\\p{N} ]{1,40}|on this (?:story|topic))',
  'most (?:read|popular|viewed)', 'trending(?: now| stories)?', 'read next', 'popular (?:posts|stories)', 'latest (?:news|stories|posts)',
  'top stories', 'further reading', 'in other news', 'don[’\']?t miss', 'also on [\\p{L}\\p{N} ]{1,40}', 'what to read next',
], '$')
/** Blocks after which only comments, author boxes and site chrome follow. */
const TAIL_MARKER = anyOf([
  'leave a (?:comment|reply)', 'post a comment', 'add (?:a )?comment', '\\d+ comments?', 'comments?(?: \\(\\d+\\))?',
  'join the (?:conversation|discussion)', 'about the author', 'share your thoughts', 'what do you think',
], '$')
/**
 * A single line pointing at another article, e.g. the seed's "See also  The frost in April … Info".
 * Bare words ("More", "Watch") count only with a separator after them, so "More than 6,000 people…" stays.
 */
const LINK_PHRASE = anyOf([
  'see also', 'read more', 'read also', 'also read', 'read next', 'click here', 'continue reading', 'read the full (?:story|article)',
  'more on this', 'related coverage', 'must read',
], '\\b')
const LINK_WORD = anyOf(['related', 'recommended', 'more', 'watch', 'listen', 'trending'], '\\s*[:|»›>–—-]')
/** Credit lines that end like a sentence ("Reporting by Jane Doe; Editing by John Roe."); plain bylines are headings. */
const CREDIT_LINE = /^(?:posted|written|words|reporting|additional reporting|editing|writing|compiled|edited) by\b/u
// The lookahead first rules out line terminators (which `.` does not match, so the old form read
// to one again from each " appeared first on "): linear.
const POST_APPEARED = /^the post (?=[^\n\r\u2028\u2029]*$).+ appeared first on .+$/u
const COPYRIGHT = /©|\bcopyright\b|all rights reserved|may not be (?:published|reproduced), broadcast/u
// A cookie banner names cookies and a consent word, in either order. Blocks are single lines
// (textBlocks), so two tests say the same as /\bcookies?\b.*CONSENT_WORD|CONSENT_WORD.*\bcookies?\b/,
// which rescanned the rest of the block from every "cookie": quadratic.
const COOKIE = /\bcookies?\b/u
const CONSENT_WORD = /\b(?:accept|consent|agree|opt[- ]?out|experience|privacy|policy|settings|browsing)\b/u
const COMMENT_FORM = new RegExp([
  'akismet', 'your email address will not be published', 'required fields are marked', 'save my name, email',
  'comment data is processed', 'log in to comment', 'to post a comment',
].join('|'), 'u')
const SUBSCRIBE = /\b(?:subscribe|subscribers?|newsletters?|sign[- ]up|inbox|unsubscribe)\b/u
const PHOTO_CREDIT = new RegExp([
  String.raw`^(?:photo|photograph|image|picture|file photo|video|credit|source|illustration)s?\b\s*[:/(|–—-]`,
  'getty images', String.raw`\bap photo\b`, String.raw`\breuters/`, 'shutterstock', String.raw`\(photo\b`,
].join('|'), 'u')
/** Words of share bars ("Share this: Click to share on X (Opens in new window)") and page chrome. */
const CHROME_WORDS = new Set([
  'share', 'shares', 'shared', 'sharing', 'this', 'on', 'tweet', 'facebook', 'twitter', 'x', 'whatsapp', 'email', 'e', 'mail',
  'linkedin', 'pinterest', 'reddit', 'telegram', 'threads', 'bluesky', 'mastodon', 'print', 'copy', 'link', 'opens', 'in',
  'new', 'window', 'click', 'to', 'pocket', 'tumblr', 'flipboard', 'messenger', 'like', 'loading', 'info', 'accept',
  'reject', 'read', 'more', 'menu', 'search', 'skip', 'content', 'close', 'home', 'advertisement', 'advertisements',
  'ad', 'ads', 'sponsored', 'story', 'article', 'continues', 'below', 'continue', 'reading', 'scroll', 'with',
  'privacy', 'policy', 'cookies', 'cookie', 'and', 'terms', 'of', 'use', 'comments', 'comment', 'reply', 'save',
  'bookmark', 'listen', 'min', 'minute', 'minutes', 'gift', 'follow', 'us', 'the', 'a', 'here',
])

// Word limits: a rule that drops a block only applies below its limit, so a real paragraph survives.
const MAX_LINK_LINE_WORDS = 25
const MAX_LIST_ITEM_WORDS = 15
const MAX_META_WORDS = 12
const MAX_NOTICE_WORDS = 60
const MAX_TITLE_ECHO_EXTRA_WORDS = 4
// Headings: a short block that does not end like a sentence. Republishers add or drop subheads and
// deks (the seed adds "The United States and South Korea discuss North Korea, Russia and China"),
// which would shift a summary's opening against the full text. Bylines ("by admin"), date lines,
// tag lists and breadcrumbs look the same and go with them.
const MAX_HEADING_WORDS = 15
// Brackets and guillemets end cut summaries ("[…]", "Read more »") and asides, which are prose.
const SENTENCE_END = /[.!?…:;"'”’»)\]]$/u

/**
 * A wire dateline that opens the first paragraph, "SEOUL, South Korea (AP) — " or
 * "LONDON, May 3 (Reuters) - ": republishers often drop it, so it is not part of the text. It is looked
 * for in the first few kept blocks, since a dek may come first. The place is upper case, which keeps
 * "U.S. officials said — " intact.
 */
const DATELINE_BLOCKS = 3
// Linear: the place's tail ends in a non-space (or is one space), and the agency's parentheses
// bring their own trailing spaces, so no two quantifiers share a run of spaces.
const DATELINE = /^[A-Z][A-Z.'’ -]*[A-Z.](?:,(?: |[\p{L}\p{N} .'’-]{0,39}?[\p{L}\p{N}.'’-]))?\s*(?:\([\p{L}\p{N} .&/-]{1,40}\)\s*)?[—–-]{1,2}\s+/u

/** A block of text with its words (wordTokens). */
export interface TextBlock {
  readonly text: string
  readonly words: readonly string[]
}

/**
 * Returns an article's blocks without the boilerplate that sites wrap around it: title echoes,
 * headings (and with them bylines, date and tag lines), credit lines, "See also"/"Read more" lines,
 * related-link lists, comment sections and everything after them, cookie, newsletter, share, ad,
 * copyright and photo-credit lines, and a leading wire dateline. Each kept block comes with its words,
 * which the rules needed anyway. Never throws.
 */
export function stripBoilerplate(blocks: readonly string[], title: string): TextBlock[] {
  const titleWords = wordTokens(title)
  const kept: TextBlock[] = []
  let inList = false
  for (const block of blocks) {
    const words = wordTokens(block)
    const lower = block.normalize('NFKC').toLowerCase().trim()
    // Linear: the lookbehind starts the match at the first character of a run, never inside it.
    const bare = lower.replace(/(?<![\s:.!?|»›>–—-])[\s:.!?|»›>–—-]+$/u, '')
    if (TAIL_MARKER.test(bare) && kept.length > 0) break
    if (inList && words.length <= MAX_LIST_ITEM_WORDS) continue
    inList = LIST_HEADING.test(bare)
    if (inList || words.length === 0 || isBoilerplate(lower, words, titleWords)) continue
    const text = kept.length < DATELINE_BLOCKS ? block.replace(DATELINE, '') : block
    kept.push({ text, words: text === block ? words : wordTokens(text) })
  }
  return kept
}

// A whole-block pattern from alternatives, each followed by `end`.
function anyOf(alternatives: readonly string[], end: string): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})${end}`, 'u')
}

function isBoilerplate(lower: string, words: readonly string[], titleWords: readonly string[]): boolean {
  const count = words.length
  if (isTitleEcho(words, titleWords)) return true
  if (count <= MAX_HEADING_WORDS && !SENTENCE_END.test(lower)) return true
  if (count <= MAX_META_WORDS && words.every((word) => CHROME_WORDS.has(word))) return true
  if (count <= MAX_LINK_LINE_WORDS && (LINK_PHRASE.test(lower) || LINK_WORD.test(lower))) return true
  if (count <= MAX_META_WORDS && CREDIT_LINE.test(lower)) return true
  if (POST_APPEARED.test(lower)) return true
  if (count <= MAX_NOTICE_WORDS && (COPYRIGHT.test(lower) || (COOKIE.test(lower) && CONSENT_WORD.test(lower)) || COMMENT_FORM.test(lower))) return true
  return count <= MAX_NOTICE_WORDS / 2 && (SUBSCRIBE.test(lower) || PHOTO_CREDIT.test(lower))
}

// The title repeated as a heading, or inside a breadcrumb ("Home » Title") or with a site suffix.
function isTitleEcho(words: readonly string[], titleWords: readonly string[]): boolean {
  if (titleWords.length === 0 || words.length < titleWords.length) return false
  if (words.length - titleWords.length > MAX_TITLE_ECHO_EXTRA_WORDS) return false
  for (let start = 0; start + titleWords.length <= words.length; start++) {
    if (titleWords.every((word, i) => words[start + i] === word)) return true
  }
  return false
}
