import { describe, expect, test } from 'vitest'
import { parseFeed } from '../../src/parse/index.js'
import { repairXml } from '../../src/parse/repair-xml.js'

describe('repairXml', () => {
  test.each([
    ['leaves well-formed XML alone', '<?xml version="1.0"?><rss><a href="x?a=1&amp;b=2">&lt;&#38;&#x26;&hellip;</a></rss>', '<?xml version="1.0"?><rss><a href="x?a=1&amp;b=2">&lt;&#38;&#x26;&hellip;</a></rss>'],
    ['escapes bare ampersands', '<rss><link>https://e.com/?a=1&b=2</link><t>R&D & co &#;</t></rss>', '<rss><link>https://e.com/?a=1&amp;b=2</link><t>R&amp;D &amp; co &amp;#;</t></rss>'],
    ['does not touch CDATA, comments or PIs', '<rss><![CDATA[a & b &x;]]><!-- & --><?pi & ?>&</rss>', '<rss><![CDATA[a & b &x;]]><!-- & --><?pi & ?>&amp;</rss>'],
    ['removes a DOCTYPE without subset', '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "rss.dtd"><rss/>', '<?xml version="1.0"?><rss/>'],
    [
      'expands internal entities once, as escaped text',
      '<!DOCTYPE rss [<!ENTITY a "<b>&amp; &#169; &other;</b>"><!ENTITY q \'say "hi"\'>]><rss t="&q;">&a;</rss>',
      '<rss t="say &quot;hi&quot;">&lt;b&gt;&amp; &#169; &amp;other;&lt;/b&gt;</rss>',
    ],
    ['drops references to external entities', '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>[&x;]</rss>', '<rss>[]</rss>'],
    ['keeps undeclared entities for the XML parser', '<!DOCTYPE rss [<!ENTITY % p "x">]><rss>&nbsp;&p;</rss>', '<rss>&nbsp;&p;</rss>'],
    ['leaves an unterminated DOCTYPE alone', '<!DOCTYPE rss [<!ENTITY a "x">', '<!DOCTYPE rss [<!ENTITY a "x">'],
    ['drops characters XML forbids (C0 controls, U+FFFE, U+FFFF), keeps tab, LF and CR', '<rss>a\u0000b\u0001\u001f\ufffec\t\n\r</rss>', '<rss>abc\t\n\r</rss>'],
    ['spells an upper-case hex reference as XML wants it', '<rss>&#X41;&#x42;</rss>', '<rss>&#x41;&#x42;</rss>'],
  ])('%s', (_name, input, output) => {
    expect(repairXml(input)).toBe(output)
  })

  test('an expansion past 1,000,000 characters refuses the document', () => {
    const refs = '&lol;'.repeat(1000)
    expect(repairXml(`<!DOCTYPE rss [<!ENTITY lol "${'x'.repeat(1000)}">]><rss>${refs}</rss>`)).toBe(`<rss>${'x'.repeat(1_000_000)}</rss>`)
    expect(() => repairXml(`<!DOCTYPE rss [<!ENTITY lol "${'x'.repeat(1000)}">]><rss>${refs}&lol;</rss>`))
      .toThrow(expect.objectContaining({ code: 'parse_entity_expansion' }))
  })

  test('an unterminated CDATA section runs to the end and is left alone', () => {
    expect(repairXml('<rss>a & b<![CDATA[ c & d <!-- e & f')).toBe('<rss>a &amp; b<![CDATA[ c & d <!-- e & f')
  })

  // Quadratic scanning here would run into the test timeout rather than finish.
  test('hostile input: 200k sections, 100k unterminated openers', () => {
    expect(repairXml(`<rss>${'<?p?>&'.repeat(200_000)}<!-- end -->`)).toBe(`<rss>${'<?p?>&amp;'.repeat(200_000)}<!-- end -->`)
    const unterminated = `<rss>${'<![CDATA[ & <!-- & '.repeat(100_000)}`
    expect(repairXml(unterminated)).toBe(unterminated)
  })

  test('nested entity declarations (the "billion laughs" shape) refuse the document, even unreferenced', () => {
    const dtd = '<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;"><!ENTITY c "&b;&b;&b;">'
    expect(() => repairXml(`<!DOCTYPE rss [${dtd}]><rss>&c;</rss>`)).toThrow(expect.objectContaining({
      code: 'parse_entity_expansion', message: 'parse: entity "b" refers to entity "a"; nested entity declarations are refused (an entity-expansion attack)',
    }))
    expect(() => repairXml(`<!DOCTYPE rss [${dtd}]><rss>plain</rss>`)).toThrow(expect.objectContaining({ code: 'parse_entity_expansion' }))
  })

  test('a value referring to an undeclared entity or a predefined one is not nesting', () => {
    expect(repairXml('<!DOCTYPE rss [<!ENTITY a "x &amp; &nbsp;">]><rss>&a;</rss>')).toBe('<rss>x &amp; &amp;nbsp;</rss>')
  })

  test('rss-parser reads a feed with an internal entity and bare ampersands after repair', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY co "Acme &amp; Co">]>' +
      '<rss version="2.0"><channel><title>&co; news</title><link>https://e.com/?a=1&b=2</link></channel></rss>'
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.com/feed', contentType: null })
    expect([feed.title, feed.siteUrl]).toEqual(['Acme & Co news', 'https://e.com/?a=1&b=2'])
  })
})
