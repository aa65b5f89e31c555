import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, test } from 'vitest'
import { decodeText, parseFeed } from '../../src/parse/index.js'
import { sharedPath } from '../helpers/shared-data.js'

const ENCODING_DIR = sharedPath('corpus/feedparser/tests/encoding')

const encodingCase = (name: string): Buffer => readFileSync(path.join(ENCODING_DIR, name))

describe('decodeText', () => {
  const rss = '<?xml version="1.0"?><rss><channel><title>Caf\u00e9 \u20ac \ud83c\udf0a</title></channel></rss>'

  test.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss)])],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss, 'utf-16le')])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(rss, 'utf-16be')])],
    ['UTF-32LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), iconv.encode(rss, 'utf-32le')])],
    ['UTF-32BE with BOM', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), iconv.encode(rss, 'utf-32be')])],
    ['UTF-16LE without BOM', iconv.encode(rss, 'utf-16le')],
    ['UTF-16BE without BOM', iconv.encode(rss, 'utf-16be')],
    ['UTF-32LE without BOM', iconv.encode(rss, 'utf-32le')],
    ['UTF-32BE without BOM', iconv.encode(rss, 'utf-32be')],
    ['plain UTF-8', Buffer.from(rss)],
  ])('%s decodes and loses the BOM', (_name, bytes) => {
    expect(decodeText(bytes, null)).toBe(rss)
  })

  test('a BOM outranks the Content-Type charset (RFC 7303 §3.2)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss, 'utf-16le')])
    expect(decodeText(bytes, 'application/rss+xml; charset=iso-8859-1')).toBe(rss)
  })

  test('Content-Type charset outranks the XML declaration', () => {
    const bytes = iconv.encode('<?xml version="1.0" encoding="iso-8859-5"?><t>\u0416</t>', 'windows-1251')
    expect(decodeText(bytes, 'text/xml; charset="windows-1251"')).toBe('<?xml version="1.0" encoding="iso-8859-5"?><t>\u0416</t>')
  })

  test('the XML declaration is used when there is no charset parameter', () => {
    const text = '<?xml version="1.0" encoding="KOI8-R"?><t>\u041f\u0440\u0438\u0432\u0435\u0442</t>'
    expect(decodeText(iconv.encode(text, 'koi8-r'), 'application/xml')).toBe(text)
  })

  test('labels for Latin-1 and ASCII decode as windows-1252 (WHATWG Encoding §4.2)', () => {
    expect(decodeText(Buffer.from([0x3c, 0x74, 0x3e, 0x93, 0x41, 0x94]), 'text/xml; charset=ISO-8859-1')).toBe('<t>\u201cA\u201d')
    expect(decodeText(Buffer.from([0x3c, 0x74, 0x3e, 0x80]), 'text/xml; charset=us-ascii')).toBe('<t>\u20ac')
  })

  test.each([
    ['unknown label', 'text/xml; charset=bogus'],
    ['UTF-16 label on ASCII-readable bytes', 'text/xml; charset=utf-16'],
    ['refused UTF-7 label', 'text/xml; charset=utf-7'],
    ['label with odd characters', 'text/xml; charset=__proto__'],
  ])('%s falls back to UTF-8', (_name, contentType) => {
    expect(decodeText(Buffer.from('<t>\u00e9+ADw-</t>'), contentType)).toBe('<t>\u00e9+ADw-</t>')
  })

  describe('an HTML page: <meta> charset after BOM, Content-Type and XML declaration', () => {
    const page = (head: string): Buffer => iconv.encode(`<!DOCTYPE html><html><head>${head}</head><body>\u0416</body></html>`, 'windows-1251')

    test.each([
      ['<meta charset>', '<meta charset="windows-1251">'],
      ['unquoted', '<meta charset=windows-1251>'],
      ['http-equiv Content-Type', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'],
      ['http-equiv in upper case, attributes reordered', "<META CONTENT='text/html;charset=windows-1251' HTTP-EQUIV='content-type'>"],
    ])('%s', (_name, head) => {
      expect(decodeText(page(head), null)).toContain('<body>\u0416</body>')
    })

    test('served as text/html without a doctype', () => {
      const bytes = iconv.encode('<p>\u0416</p><meta charset="koi8-r">', 'koi8-r')
      expect(decodeText(bytes, 'text/html')).toBe('<p>\u0416</p><meta charset="koi8-r">')
    })

    test('the Content-Type charset outranks <meta>', () => {
      const bytes = iconv.encode('<html><meta charset="koi8-r"><p>\u0416</p></html>', 'windows-1251')
      expect(decodeText(bytes, 'text/html; charset=windows-1251')).toContain('<p>\u0416</p>')
    })

    test('a <meta> charset means nothing in an XML feed', () => {
      const bytes = Buffer.from('<rss><description><meta charset="koi8-r"></description><t>\u00e9</t></rss>')
      expect(decodeText(bytes, null)).toContain('<t>\u00e9</t>')
    })

    test('a <meta> after the first 1024 bytes is not seen', () => {
      const bytes = iconv.encode(`<html><!--${'x'.repeat(1100)}--><meta charset="windows-1251"><p>\u0416</p></html>`, 'windows-1251')
      expect(decodeText(bytes, null)).not.toContain('\u0416')
    })
  })

  test('a legacy label on valid UTF-8 with non-ASCII text is a lie: UTF-8 wins', () => {
    const text = '<?xml version="1.0" encoding="utf-8"?><t>Gr\u00fc\u00dfe, \u041c\u043e\u0441\u043a\u0432\u0430</t>'
    expect(decodeText(Buffer.from(text), 'text/xml; charset=ISO-8859-1')).toBe(text)
  })

  test('a UTF-8 label on bytes that are not UTF-8 is a lie: the next label is tried', () => {
    const text = '<?xml version="1.0" encoding="windows-1251"?><t>\u0416\u0443\u0440\u043d\u0430\u043b</t>'
    expect(decodeText(iconv.encode(text, 'windows-1251'), 'text/xml; charset=utf-8')).toBe(text)
  })

  test('no label and no valid UTF-8 sequence at all: windows-1252', () => {
    expect(decodeText(Buffer.from([0x3c, 0x74, 0x3e, 0x64, 0x6f, 0x6e, 0x92, 0x74]), null)).toBe('<t>don\u2019t')
  })

  test('UTF-8 with one broken byte stays UTF-8 (one replacement character, not mojibake)', () => {
    const bytes = Buffer.concat([Buffer.from('<t>\u00e9t\u00e9 '), Buffer.from([0xff]), Buffer.from(' na\u00efve</t>')])
    expect(decodeText(bytes, null)).toBe('<t>\u00e9t\u00e9 \ufffd na\u00efve</t>')
  })

  test.each([
    ['utf-8-bom.xml', '<?xml version="1.0" encoding="utf-8"?>'],
    ['utf-16le-bom.xml', '<?xml version="1.0" encoding="utf-16"?>'],
    ['utf-16be-bom.xml', '<?xml version="1.0" encoding="utf-16"?>'],
    ['utf-16le-autodetect.xml', '<?xml version="1.0" encoding="utf-16"?>'],
    ['utf-16be-autodetect.xml', '<?xml version="1.0" encoding="utf-16"?>'],
    ['utf-32le-bom.xml', '<?xml version="1.0" encoding="utf-32"?>'],
    ['utf-32be-bom.xml', '<?xml version="1.0" encoding="utf-32"?>'],
    ['utf-32le-autodetect.xml', '<?xml version="1.0" encoding="utf-32"?>'],
    ['utf-32be-autodetect.xml', '<?xml version="1.0" encoding="utf-32"?>'],
    ['u16.xml', '<?xml version="1.0" encoding="u16"?>'],
  ])('feedparser encoding/%s decodes to readable XML', (name, prolog) => {
    const text = decodeText(encodingCase(name), null)
    expect(text.startsWith(prolog)).toBe(true)
    expect(text).toContain('Description:')
    expect(text).not.toContain('\u0000')
  })

  test.each([
    ['euc-kr.xml', null, 'title', '\ub144'],
    ['x80_cp1251.xml', null, 'title', '\u0402'],
    ['x80_windows-1251.xml', null, 'title', '\u0402'],
    ['x80_koi8-r.xml', null, 'title', '\u2500'],
    ['x80_cp1252.xml', null, 'title', '\u20ac'],
    ['x80_macroman.xml', null, 'title', '\u00c4'],
    ['x80_866.xml', null, 'title', '\u0410'],
  ])('feedparser encoding/%s: the feed title decodes correctly', async (name, contentType, _field, title) => {
    const feed = await parseFeed(encodingCase(name), { url: `corpus:${name}`, contentType })
    expect(feed.title).toBe(title)
  })

  test.each(['http_text_xml_charset_2.xml', 'http_text_xml_charset_overrides_encoding_2.xml'])(
    'feedparser encoding/%s: Content-Type windows-1252 is applied',
    async (name) => {
      const feed = await parseFeed(encodingCase(name), { url: `corpus:${name}`, contentType: 'text/xml; charset=windows-1252' })
      expect(feed.entries[0]?.summaryHtml).toBe('This is a \u00a3\u201ctest.\u201d')
    },
  )

  test('feedparser encoding/demoronize-1.xml: a UTF-8-encoded C1 control is decoded as written (normalize maps it)', async () => {
    const feed = await parseFeed(encodingCase('demoronize-1.xml'), { url: 'corpus:demoronize-1', contentType: null })
    expect(feed.entries[0]?.summaryHtml).toBe('don\u0092t')
  })

  // Every `x80_*` case names the character byte 0x80 is in its code page. EBCDIC code pages are
  // not in iconv-lite, and three Python-only labels are unknown to it; those are the exceptions.
  test('feedparser encoding/x80_*: byte 0x80 decodes per the declared code page', async () => {
    const unsupported: string[] = []
    const names = readdirSync(ENCODING_DIR).filter((name) => name.startsWith('x80_'))
    for (const name of names) {
      const bytes = encodingCase(name)
      const expected = /feed\['title'\] == '((?:\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|[^'\\])*)'/i.exec(bytes.toString('latin1'))?.[1]
      const title = await parseFeed(bytes, { url: `corpus:${name}`, contentType: null }).then(
        (feed) => feed.title,
        () => null,
      )
      if (expected === undefined || title !== unescapePython(expected)) unsupported.push(name)
    }
    expect(names).toHaveLength(116)
    expect(unsupported.filter((name) => !/037|500|875|1140|039|ebcdic/.test(name))).toEqual([
      'x80_cp_is.xml',
      'x80_maccentraleurope.xml',
      'x80_maclatin2.xml',
    ])
    expect(unsupported).toHaveLength(24)
  })

  test('property: never throws, and returns a string, for arbitrary bytes and labels', () => {
    const label = fc.oneof(
      fc.constantFrom('utf-8', 'UTF-16', 'utf-32le', 'iso-8859-1', 'windows-1251', 'bogus', 'base64', 'constructor', ''),
      fc.string({ maxLength: 20 }),
    )
    const contentType = fc.option(label.map((l) => `text/xml; charset=${l}`), { nil: null })
    const prolog = label.map((l) => Buffer.from(`<?xml version="1.0" encoding="${l}"?>`))
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      fc.tuple(prolog, fc.uint8Array({ maxLength: 64 })).map(([p, b]) => Buffer.concat([p, b])),
      fc.tuple(fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0, 0, 0xfe, 0xff]), fc.uint8Array({ maxLength: 33 })).map(
        ([bom, b]) => Buffer.from([...bom, ...b]),
      ),
    )
    fc.assert(
      fc.property(bytes, contentType, (body, type) => {
        const text = decodeText(body, type)
        return typeof text === 'string' && !text.startsWith('\ufeff')
      }),
      { numRuns: 2000 },
    )
  })
})

function unescapePython(literal: string): string {
  return literal.replace(/\\u([0-9a-f]{4})|\\x([0-9a-f]{2})/gi, (_m, u: string | undefined, x: string | undefined) =>
    String.fromCharCode(parseInt(u ?? x ?? '0', 16)),
  )
}
