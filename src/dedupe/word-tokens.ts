/**
 * Han, Hiragana and Katakana text has no spaces between words, so each of those characters is a token;
 * every other run of letters and digits is one word. Apostrophes inside a word are dropped first, so
 * "Korea’s" and "Korea's" are both "koreas".
 */
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{P}\p{S}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ](?=[\p{L}\p{N}])/gu
const NON_ASCII = /[^\x00-\x7f]/

/** Returns the words of a text, Unicode NFKC-normalized and lowercased, without punctuation. Never throws. */
export function wordTokens(text: string): string[] {
  if (!NON_ASCII.test(text)) return asciiWordTokens(text.toLowerCase())
  return text.normalize('NFKC').toLowerCase().replace(INNER_APOSTROPHE, '').match(TOKEN) ?? []
}

// The same tokens for ASCII text (most feed text), without the Unicode expressions and NFKC, which
// leave ASCII as it is: a word is a run of letters, digits and control characters (neither space,
// punctuation nor symbol), and an apostrophe between two letters or digits is dropped.
function asciiWordTokens(lower: string): string[] {
  const words: string[] = []
  let start = -1
  let dropped = ''
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : SPACE
    if (isWordCode(c)) {
      if (start < 0) start = i
    } else if (c === APOSTROPHE && i > 0 && isAlnumCode(lower.charCodeAt(i - 1)) && isAlnumCode(lower.charCodeAt(i + 1))) {
      dropped += lower.slice(start, i)
      start = i + 1
    } else if (start >= 0) {
      words.push(dropped + lower.slice(start, i))
      dropped = ''
      start = -1
    }
  }
  return words
}

const SPACE = 0x20
const APOSTROPHE = 0x27

function isAlnumCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
}

// JavaScript's \s in ASCII is \t \n \v \f \r and space; every other printable non-alphanumeric is P or S.
function isWordCode(c: number): boolean {
  return isAlnumCode(c) || c <= 0x08 || (c >= 0x0e && c <= 0x1f) || c === 0x7f
}
