import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { inlineNakedHtml, inlineXhtml } from '../../src/parse/inline-markup.js'

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"'

describe('inlineXhtml', () => {
  test.each([
    [
      'keeps text and elements in order and drops the div wrapper',
      `<content type="xhtml"><div ${XHTML}>a <b>b</b> c <i>d</i></div></content>`,
      '<content type="xhtml"><![CDATA[a <b>b</b> c <i>d</i>]]></content>',
    ],
    [
      'strips namespace prefixes and xmlns attributes',
      '<summary type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p class="x">p</xhtml:p></xhtml:div></summary>',
      '<summary type="xhtml"><![CDATA[<p class="x">p</p>]]></summary>',
    ],
    [
      'void elements lose their end tag; other self-closed elements get one',
      `<content type="xhtml"><div ${XHTML}>a<br/>b<span/>c</div></content>`,
      '<content type="xhtml"><![CDATA[a<br>b<span></span>c]]></content>',
    ],
    [
      'entities and CDATA are text, escaped again',
      `<title type="xhtml"><div ${XHTML}>&lt;x&gt; &amp; &eacute; <![CDATA[<y>]]></div></title>`,
      '<title type="xhtml"><![CDATA[&lt;x&gt; &amp; \u00e9 &lt;y&gt;]]></title>',
    ],
    [
      "moves the wrapper's xml:base to the construct",
      `<content type="xhtml"><div ${XHTML} xml:base="notes/"><a href="x">x</a></div></content>`,
      '<content type="xhtml" xml:base="notes/"><![CDATA[<a href="x">x</a>]]></content>',
    ],
    [
      'Atom 0.3 application/xhtml+xml, no wrapper to drop',
      '<content type="application/xhtml+xml" mode="xml"><p>a</p><p>b</p></content>',
      '<content type="application/xhtml+xml" mode="xml"><![CDATA[<p>a</p><p>b</p>]]></content>',
    ],
    ['leaves escaped Atom 0.3 content alone', '<content type="application/xhtml+xml" mode="escaped">&lt;p&gt;</content>', '<content type="application/xhtml+xml" mode="escaped">&lt;p&gt;</content>'],
    ['leaves type="html" alone', '<content type="html">&lt;p&gt;xhtml&lt;/p&gt;</content>', '<content type="html">&lt;p&gt;xhtml&lt;/p&gt;</content>'],
    ['an XHTML <body> in an RSS item', `<item><body ${XHTML}><p>a</p> b</body></item>`, `<item><body ${XHTML}><![CDATA[<p>a</p> b]]></body></item>`],
    ['a construct quoted in CDATA is skipped', `<d><![CDATA[<content type="xhtml"><div>x</div></content>]]></d>`, `<d><![CDATA[<content type="xhtml"><div>x</div></content>]]></d>`],
    ['an unterminated construct is left for recovery', `<content type="xhtml"><div ${XHTML}>x</div>`, `<content type="xhtml"><div ${XHTML}>x</div>`],
  ])('%s', (_name, input, output) => {
    expect(inlineXhtml(input)).toBe(output)
  })

  test('property: never throws, and is the identity on documents without "xhtml"', () => {
    const piece = fc.constantFrom('<content type="xhtml">', '</content>', '<div>', '</div>', '<![CDATA[', ']]>', '<!--', '-->', 'x', '&amp;', '<br/>', '<title type="xhtml">', '</title>', '<', '>')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }).map((parts) => parts.join('')), (text) => {
        const out = inlineXhtml(text)
        return typeof out === 'string' && (text.includes('xhtml') || out === text)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('inlineNakedHtml', () => {
  test.each([
    ['RSS description', '<description>by <a href="/x">x</a> to <a href="/y">y</a></description>', '<description type="html"><![CDATA[by <a href="/x">x</a> to <a href="/y">y</a>]]></description>'],
    ['Atom summary marked html whatever its type', '<summary type="text"><p>s</p></summary>', '<summary type="html"><![CDATA[<p>s</p>]]></summary>'],
    ['escaped HTML is left alone', '<description>&lt;p&gt;x&lt;/p&gt;</description>', '<description>&lt;p&gt;x&lt;/p&gt;</description>'],
    ['CDATA is left alone', '<description><![CDATA[<p>x</p>]]></description>', '<description><![CDATA[<p>x</p>]]></description>'],
    ['media:content keeps its child elements', '<media:content url="u"><media:title>t</media:title></media:content>', '<media:content url="u"><media:title>t</media:title></media:content>'],
  ])('%s', (_name, input, output) => {
    expect(inlineNakedHtml(input)).toBe(output)
  })
})

// Quadratic scanning here would run into the test timeout rather than finish.
describe('inline pre-passes on hostile input', () => {
  test('100k unclosed xhtml constructs, 100k nested descriptions, start tags without ">"', () => {
    const unclosed = `<feed>${'<content type="xhtml"><div>x'.repeat(100_000)}`
    expect(inlineXhtml(unclosed)).toBe(unclosed)
    const nested = `<rss>${'<description><b>'.repeat(100_000)}</rss>`
    expect(typeof inlineNakedHtml(nested)).toBe('string')
    const open = `<feed xhtml>${'<content type="xhtml" '.repeat(100_000)}`
    expect(inlineXhtml(open)).toBe(open)
  })
})
