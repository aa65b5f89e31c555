import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { decodeText, detectFormat, ParseError } from '../../src/parse/index.js'
import { sharedPath } from '../helpers/shared-data.js'

const CORPUS = sharedPath('corpus')

function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (err: unknown) {
    if (err instanceof ParseError) return err.code
    throw err
  }
  return 'no error'
}

describe('detectFormat', () => {
  test.each([
    ['RSS 2.0', '<rss version="2.0"><channel/></rss>', 'rss'],
    ['RSS 0.91 with the Netscape DOCTYPE', '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"/>', 'rss'],
    ['RSS with an internal DTD subset holding ">" and "]"', '<!DOCTYPE rss [<!ENTITY a "x>]y"><!-- ] > -->]><rss/>', 'rss'],
    ['RSS 1.0', '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', 'rdf'],
    ['Atom 1.0 after BOM, comments and PIs', '\ufeff  <?xml version="1.0"?>\n<!-- c --><?xml-stylesheet href="s.xsl"?><feed xmlns="http://www.w3.org/2005/Atom"/>', 'atom'],
    ['prefixed Atom', '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>', 'atom'],
    ['Atom 0.3', '<feed version="0.3" xmlns="http://purl.org/atom/ns#"/>', 'atom'],
    ['RSS despite an XHTML DOCTYPE', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x"><rss/>', 'rss'],
    ['JSON Feed 1.1', '{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'json'],
    ['JSON Feed with a bare version and items', ' \n{"version":"1.1","items":[]}', 'json'],
  ])('%s', (_name, text, format) => {
    expect(detectFormat(text)).toBe(format)
  })

  test.each([
    ['HTML5 page', '<!DOCTYPE html><html><head><title>x</title></head></html>', 'parse_html_page'],
    ['HTML page without DOCTYPE', '\n<html lang="en"><body>Moved</body></html>', 'parse_html_page'],
    ['HTML fragment starting with head', '<HEAD><TITLE>Document Moved</TITLE></HEAD>', 'parse_html_page'],
    ['other XML', '<note><to>Tove</to></note>', 'parse_unknown_format'],
    ['bare Atom entry', '<entry xmlns="http://www.w3.org/2005/Atom"/>', 'parse_unknown_format'],
    ['plain text', 'Service Unavailable', 'parse_unknown_format'],
    ['empty document', '', 'parse_unknown_format'],
    ['unterminated comment', '<!-- never closed <rss>', 'parse_unknown_format'],
    ['JSON that is not a feed', '{"hello":"world"}', 'parse_unknown_format'],
    ['JSON array', '[1,2]', 'parse_unknown_format'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1", ', 'parse_invalid_json'],
  ])('%s throws %s', (_name, text, code) => {
    expect(codeOf(() => detectFormat(text))).toBe(code)
  })

  test('the HTML page error has the stage-prefixed message', () => {
    expect(() => detectFormat('<html></html>')).toThrow('parse: got an HTML page, not a feed')
  })

  test.each([
    ['atom03_feed.xml', 'atom'],
    ['atom10_feed.xml', 'atom'],
    ['rdf_feed.xml', 'rdf'],
    ['rss_feed.xml', 'rss'],
    ['rss_feed_bom.xml', 'rss'],
    ['rss_feed_leading_spaces.xml', 'rss'],
    ['json10_feed.json', 'json'],
    ['json11_feed.json', 'json'],
    ['sample.json', 'json'],
    ['unknown_feed.xml', 'parse_unknown_format'],
    ['empty_feed.xml', 'parse_unknown_format'],
    ['invalid.json', 'parse_invalid_json'],
  ])('gofeed parser/universal/%s → %s', (name, expected) => {
    const text = decodeText(readFileSync(path.join(CORPUS, 'gofeed/testdata/parser/universal', name)), null)
    const detect = (): string => detectFormat(text)
    expect(expected.startsWith('parse_') ? codeOf(detect) : detect()).toBe(expected)
  })

  test('every feedvalidator feedfinder HTML page is rejected as an HTML page', () => {
    const dir = path.join(CORPUS, 'feedvalidator/feedfinder-tests')
    const pages = readdirSync(dir).filter((name) => name.endsWith('.html'))
    const codes = pages.map((name) => codeOf(() => detectFormat(decodeText(readFileSync(path.join(dir, name)), 'text/html'))))
    expect(pages).toHaveLength(58)
    expect(new Set(codes)).toEqual(new Set(['parse_html_page']))
  })
})
