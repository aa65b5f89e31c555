import { describe, expect, it } from 'vitest'
import {
  appendToEach,
  declareNamespace,
  htmlForCdata,
  prependToFirst,
  xmlElement,
} from '../../src/publish/extend-xml.js'
import { PublishError } from '../../src/publish/index.js'

const DOC = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '    <id>urn:x</id>',
  '    <entry>',
  '        <title type="html"><![CDATA[closing </entry> in a title]]></title>',
  '        <content type="html"><![CDATA[<p>a</p>]]><![CDATA[</entry></feed>]]></content>',
  '    </entry>',
  '    <entry>',
  '        <title>second</title>',
  '    </entry>',
  '</feed>',
].join('\n')

describe('appendToEach', () => {
  it('appends to the n-th element, stepping over </entry> inside CDATA', () => {
    const xml = appendToEach(DOC, 'entry', [['<a/>', '<b/>'], ['<c/>']])
    expect(xml).toBe(
      DOC.replace('</content>\n    </entry>', '</content>\n        <a/>\n        <b/>\n    </entry>').replace(
        '<title>second</title>\n    </entry>',
        '<title>second</title>\n        <c/>\n    </entry>',
      ),
    )
  })

  it('leaves an element without additions as it is', () => {
    expect(appendToEach(DOC, 'entry', [[], []])).toBe(DOC)
  })

  it('throws when the number of elements differs from the number of lists', () => {
    expect(() => appendToEach(DOC, 'entry', [['<a/>']])).toThrow(PublishError)
    expect(() => appendToEach(DOC, 'item', [['<a/>']])).toThrow(/expected 1 <item> elements in generated XML, found 0/)
  })

  it('throws on an unterminated CDATA section', () => {
    expect(() => appendToEach('<x><![CDATA[</x>', 'x', [[]])).toThrow(/unterminated CDATA/)
  })

  it('appends inline when the end tag is not on a line of its own', () => {
    expect(appendToEach('<r><e>text</e></r>', 'e', [['<a/>']])).toBe('<r><e>text<a/></e></r>')
  })
})

describe('prependToFirst and declareNamespace', () => {
  it('inserts first children at the indentation of the existing first child', () => {
    expect(prependToFirst(DOC, 'feed', ['<link rel="next" href="https://x.example/?p=2"/>'])).toContain(
      '<feed xmlns="http://www.w3.org/2005/Atom">\n    <link rel="next" href="https://x.example/?p=2"/>\n    <id>urn:x</id>',
    )
    expect(prependToFirst(DOC, 'feed', [])).toBe(DOC)
  })

  it('matches the whole element name', () => {
    expect(prependToFirst('<feedback/><feed><id/></feed>', 'feed', ['<a/>'])).toBe('<feedback/><feed><a/><id/></feed>')
    expect(() => prependToFirst('<rss/>', 'channel', ['<a/>'])).toThrow(PublishError)
  })

  it('declares a namespace once on the root start tag', () => {
    const once = declareNamespace('<rss version="2.0">\n<channel/></rss>', 'rss', 'dc', 'http://purl.org/dc/elements/1.1/')
    expect(once).toBe('<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel/></rss>')
    expect(declareNamespace(once, 'rss', 'dc', 'http://purl.org/dc/elements/1.1/')).toBe(once)
  })
})

describe('xmlElement and htmlForCdata', () => {
  it('escapes text and attributes and leaves out null attributes', () => {
    expect(xmlElement('link', { rel: 'via', href: 'https://x.example/?a=1&b=2', title: 'a\t"b"\n<c>', type: null })).toBe(
      '<link rel="via" href="https://x.example/?a=1&amp;b=2" title="a&#9;&quot;b&quot;&#10;&lt;c&gt;"/>',
    )
    expect(xmlElement('title', {}, 'R&D <lab>\r')).toBe('<title>R&amp;D &lt;lab&gt;&#13;</title>')
    expect(xmlElement('source', {}, [xmlElement('id', {}, 'x'), '<title>t</title>'])).toBe(
      '<source><id>x</id><title>t</title></source>',
    )
  })

  it('neutralizes every CDATA terminator in HTML', () => {
    expect(htmlForCdata('a]]>b]]>c')).toBe('a]]&gt;b]]&gt;c')
  })
})
