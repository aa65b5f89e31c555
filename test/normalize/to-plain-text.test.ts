import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { sanitizeHtml, toPlainText } from '../../src/normalize/index.js'
import { cleanText, sanitizedToPlainText, toPlainTextPrefix } from '../../src/normalize/to-plain-text.js'

describe('toPlainText', () => {
  test.each([
    ['plain text', 'Hello world', 'Hello world'],
    ['tags stripped', '<p>Hello <b>bold</b> <a href="x">link</a></p>', 'Hello bold link'],
    ['block tags separate words', '<p>One.</p><p>Two.</p><ul><li>a</li><li>b</li></ul>x<br>y', 'One. Two. a b x y'],
    ['inline tags do not', 'un<b>believ</b>able', 'unbelievable'],
    ['named entities (HTML5 table)', 'caf&eacute; &hellip; &rsquo; &nbsp;|&NotEqualTilde;|&bigstar;', 'caf\u00e9 \u2026 \u2019 |\u2242\u0338|\u2605'],
    ['numeric entities', '&#8220;q&#x201D; &#169;', '\u201cq\u201d \u00a9'],
    ['legacy entity without semicolon', '&copy 2024', '\u00a9 2024'],
    ['escaped markup is text', '&lt;b&gt;not bold&lt;/b&gt;', '<b>not bold</b>'],
    ['double-escaped ampersand decodes once', 'AT&amp;amp;T', 'AT&amp;T'],
    ['a bare ampersand stays', 'Tom & Jerry', 'Tom & Jerry'],
    ['a lone < stays', 'a < b and 1<3', 'a < b and 1<3'],
    ['script, style and comments vanish', 'a<script>alert(1)</script><style>p{}</style><!-- c -->b', 'ab'],
    ['whitespace collapsed', '  a\n\t b\u00a0\u00a0c  ', 'a b c'],
    ['control characters dropped', 'a\u0000b\u0007c\u001fd', 'abcd'],
    ['C1 controls read as windows-1252 (demoronize)', 'don\u0092t \u0093q\u0094 \u0080', 'don\u2019t \u201cq\u201d \u20ac'],
    ['CDATA markers in HTML are dropped', '<![CDATA[x]]>', ''],
    ['empty', '', ''],
  ])('%s', (_name, html, text) => {
    expect(toPlainText(html)).toBe(text)
  })

  test('cleanText keeps markup-looking text as is', () => {
    expect(cleanText(' Use <b>\n for  bold &amp; ')).toBe('Use <b> for bold &amp;')
  })
})

describe('sanitizedToPlainText', () => {
  test('property: on sanitizeHtml output it reads the same text as toPlainText', () => {
    const fragment = fc.constantFrom(
      '<p>', '</p>', '<b>', '</b>', '<a href="/x?a=1&amp;b=2" title="a > b">', '</a>', '<br>', '<img src="/i.png" alt="x > y">', '<li>', '<table><tr><td>',
      '&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&eacute;', '&#146;', '<script>x</script>', '<!-- c -->', 'text', ' ', '\n', '>', '"', '<', '&',
    )
    const html = fc.array(fragment, { maxLength: 25 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(html, (input) => {
        const safe = sanitizeHtml(input, 'https://site.example/')
        return sanitizedToPlainText(safe) === toPlainText(safe)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('toPlainTextPrefix', () => {
  test('reads enough of a long document, and agrees with toPlainText on that much', () => {
    const html = `<p>${'word <b>bold</b> &amp; more. '.repeat(2000)}</p>`
    const prefix = toPlainTextPrefix(html, 500)
    expect(prefix.length).toBeGreaterThanOrEqual(516)
    expect(prefix.length).toBeLessThan(toPlainText(html).length)
    expect(toPlainText(html).startsWith(prefix.slice(0, 500))).toBe(true)
  })
})

// Quadratic scanning would run into the test timeout rather than finish.
test('toPlainText on 200k unterminated tags', () => {
  expect(toPlainText(`x${'<p'.repeat(200_000)}`)).toMatch(/^x/)
})
