import sax from 'sax'
import { describe, expect, it } from 'vitest'
import { FEED_STYLESHEET, FEED_STYLESHEET_CONTENT_TYPE } from '../../src/publish/index.js'

// The stylesheet's rendering is tested in Chromium (test/ui/feed-stylesheet.test.ts); here, its shape.
describe('FEED_STYLESHEET', () => {
  it('is a well-formed XSLT 1.0 document', () => {
    const parser = sax.parser(true, { xmlns: true })
    const roots: string[] = []
    let depth = 0
    parser.onopentag = (tag) => {
      if (depth++ === 0) roots.push(`${(tag as sax.QualifiedTag).uri} ${tag.name} ${String((tag.attributes.version as sax.QualifiedAttribute).value)}`)
    }
    parser.onclosetag = () => void depth--
    parser.write(FEED_STYLESHEET).close()
    expect(roots).toEqual(['http://www.w3.org/1999/XSL/Transform xsl:stylesheet 1.0'])
    expect(FEED_STYLESHEET_CONTENT_TYPE).toBe('text/xsl; charset=utf-8')
  })

  it('writes no script and copies no markup from a feed', () => {
    for (const unsafe of ['<script', 'disable-output-escaping', 'xsl:copy', 'javascript:', 'onclick=']) {
      expect([unsafe, FEED_STYLESHEET.includes(unsafe)]).toEqual([unsafe, false])
    }
  })
})
