import fc from 'fast-check'
import sax from 'sax'
import { describe, expect, test } from 'vitest'
import { recoverXml } from '../../src/parse/recover-xml.js'

function isWellFormed(xml: string): boolean {
  const parser = sax.parser(true)
  let ok = true
  parser.onerror = () => {
    ok = false
    parser.resume()
  }
  parser.write(xml).close()
  return ok
}

describe('recoverXml', () => {
  test.each([
    ['closes what a truncated document left open', '<rss><channel><item><title>y', '<rss><channel><item><title>y</title></item></channel></rss>'],
    ['a close tag for an ancestor closes the elements between', '<rss><channel><title>x</channel></rss>', '<rss><channel><title>x</title></channel></rss>'],
    ['an unmatched close tag is dropped', '<a><b></c>t</b></a>', '<a><b>t</b></a>'],
    ['HTML entities decoded, unknown ones and bare & kept as text', '<t>&eacute; &bogus; a & b</t>', '<t>\u00e9 &amp;bogus; a &amp; b</t>'],
    ['unquoted and valueless attributes get values', '<t x=a y>z</t>', '<t x="a" y="y">z</t>'],
    ['text and elements after the root are dropped', '<rss/>junk<more/>', '<rss></rss>'],
    ['comments, processing instructions and the declaration are dropped', '<?xml version="1.0"?><!--c--><r><?pi x?>t</r>', '<r>t</r>'],
    ['CDATA becomes escaped text', '<r><![CDATA[<b>]]></r>', '<r>&lt;b&gt;</r>'],
    ['nothing readable', 'not xml at all', ''],
  ])('%s', (_name, input, output) => {
    expect(recoverXml(input)).toBe(output)
  })

  test('property: the output is always well-formed XML (or empty)', () => {
    const piece = fc.constantFrom('<a>', '</a>', '<b x=1>', '</b>', '<c/>', '</d>', '&', '&amp;', '&bogus;', '<![CDATA[', ']]>', '<!--', '-->', '<?p', '?>', 'text', '<', '>', '"', "'", '=', ' ')
    const text = fc.oneof(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), fc.string({ maxLength: 60 }))
    fc.assert(
      fc.property(text, (input) => {
        const out = recoverXml(input)
        return out === '' || isWellFormed(out)
      }),
      { numRuns: 2000 },
    )
  })
})
