import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CUT_MARKER, cutHtml } from '../../src/html/index.js'
import { sanitizeHtml } from '../../src/normalize/sanitize-html.js'

describe('cutHtml', () => {
  it('returns HTML that fits unchanged', () => {
    expect(cutHtml('<p>short</p>', 100)).toBe('<p>short</p>')
  })

  it('cuts before a tag, closes what is open, and marks the cut', () => {
    const html = `<div><p>${'a'.repeat(30)}</p><ul><li>one</li><li>${'b'.repeat(40)}</li></ul></div>`
    expect(cutHtml(html, 80)).toBe(`<div><p>${'a'.repeat(30)}</p><ul><li>one</li></ul></div>${CUT_MARKER}`)
  })

  it('shortens one long text node instead of dropping it, never inside a reference', () => {
    const text = `${'x'.repeat(9000)}&amp;${'y'.repeat(9000)}`
    // The limit falls inside `&amp;` (characters 9003 to 9008).
    const cut = cutHtml(`<p>${text}</p>`, 9006 + Buffer.byteLength(CUT_MARKER))
    expect(cut).toBe(`<p>${'x'.repeat(9000)}</p>${CUT_MARKER}`)
  })

  it('never splits a reference in text without any tag', () => {
    const text = `${'x'.repeat(100)}&amp;${'y'.repeat(100)}`
    expect(cutHtml(text, 103 + Buffer.byteLength(CUT_MARKER))).toBe(`${'x'.repeat(100)}${CUT_MARKER}`)
  })

  it('counts UTF-8 bytes and never splits a surrogate pair', () => {
    const html = `<p>${'😀'.repeat(5000)}</p>`
    const cut = cutHtml(html, 10_000)
    expect(cut.endsWith(`</p>${CUT_MARKER}`)).toBe(true)
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(10_000 + '</p>'.length)
  })

  it('cuts sanitized HTML to a well-formed prefix within the bound (property)', () => {
    const fragment = fc.constantFrom('<p>para</p>', '<ul><li>a</li><li>b &amp; c</li></ul>', '<b>bold <i>both</i></b>', 'text é ', '<img src="https://e.example/i.png">', '<blockquote><p>q</p></blockquote>', '😀')
    fc.assert(fc.property(fc.array(fragment, { maxLength: 60 }), fc.integer({ min: 40, max: 400 }), (parts, maxBytes) => {
      const html = sanitizeHtml(`<div>${parts.join('')}</div>`, 'https://e.example/')
      const cut = cutHtml(html, maxBytes)
      if (Buffer.byteLength(html) <= maxBytes) {
        expect(cut).toBe(html)
        return
      }
      expect(cut.endsWith(CUT_MARKER)).toBe(true)
      // Sanitizing again changes nothing: no tag was split and every element is closed.
      expect(sanitizeHtml(cut, 'https://e.example/')).toBe(cut.trim())
      // The cut keeps a prefix of the original; what follows it are end tags only.
      const kept = cut.slice(0, cut.length - CUT_MARKER.length).replace(/(<\/[a-z0-9]+>)+$/, '')
      expect(html.startsWith(kept)).toBe(true)
      expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(maxBytes)
    }), { numRuns: 300 })
  })
})
