/**
 * Han, Hiragana and Katakana text has no spaces between words, so each of those characters is a token;
 * every other run of letters and digits is one word. Apostrophes inside a word are dropped first, so
 * "Korea’s" and "Korea's" are both "koreas".
 */
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{P}\p{S}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ](?=[\p{L}\p{N}])/gu

/** Returns the words of a text, Unicode NFKC-normalized and lowercased, without punctuation. Never throws. */
export function wordTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(INNER_APOSTROPHE, '').match(TOKEN) ?? []
}
