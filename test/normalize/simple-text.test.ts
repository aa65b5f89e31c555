import fc from 'fast-check'
import sanitize from 'sanitize-html'
import { describe, expect, test } from 'vitest'
import { decodeSimpleText } from '../../src/normalize/simple-text.js'

// What sanitize-html (htmlparser2) makes of a text: its characters, with & < > escaped again.
function viaHtmlParser(text: string): string {
  return sanitize(text, { allowedTags: [], allowedAttributes: {} })
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

describe('decodeSimpleText', () => {
  test.each([
    ['no references', 'plain text', 'plain text'],
    ['numeric, hex and named references', 'It&#039;s &#x2019; &amp; &eacute;&nbsp;&hellip;', 'It\'s \u2019 & \u00e9\u00a0\u2026'],
    ['C1 references are windows-1252 (HTML §13.2.5.80)', 'don&#146;t &#128;', 'don\u2019t \u20ac'],
    ['0, surrogates and out-of-range become U+FFFD', '&#0;&#xD800;&#x110000;', '\ufffd\ufffd\ufffd'],
    ['an ampersand before a space is a character', 'R & D &', 'R & D &'],
  ])('%s', (_name, html, text) => {
    expect(decodeSimpleText(html)).toBe(text)
  })

  test.each([
    ['markup', 'a <b>b</b>'],
    ['a legacy reference without ;', 'AT&T &amp'],
    ['a named reference outside the short list', '&Aring;'],
    ['NUL', 'a\u0000b'],
    ['a reference named like an Object property', '&constructor; &toString;'],
  ])('%s → null (sanitize-html decides)', (_name, html) => {
    expect(decodeSimpleText(html)).toBeNull()
  })

  test('property: whenever it decodes, it agrees with htmlparser2', () => {
    const piece = fc.oneof(
      fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&hellip;', '&rsquo;', '&#39;', '&#146;', '&#x41;', '&#0;', '&#99999999;', '&', '& ', 'x', ' ', '>', '"', '\u00e9', '\n', ';', '#'),
      fc.string({ maxLength: 5 }),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }).map((parts) => parts.join('')), (html) => {
        const decoded = decodeSimpleText(html)
        return decoded === null || escape(decoded) === viaHtmlParser(html)
      }),
      { numRuns: 3000 },
    )
  })
})
