import fc from 'fast-check'
import { parseDocument } from 'htmlparser2'
import type { ChildNode } from 'domhandler'
import { describe, expect, it } from 'vitest'
import { capNesting, MAX_HTML_DEPTH } from '../../src/html/index.js'

// Depth and text as a real HTML parser sees them.
function depthOf(nodes: readonly ChildNode[]): number {
  let deepest = 0
  for (const node of nodes) if ('children' in node && node.type === 'tag') deepest = Math.max(deepest, 1 + depthOf(node.children))
  return deepest
}
function textOf(html: string): string {
  const collect = (nodes: readonly ChildNode[]): string => nodes.map((n) => (n.type === 'text' ? n.data : 'children' in n && n.type === 'tag' ? collect(n.children) : '')).join('')
  return collect(parseDocument(html).children)
}

describe('capNesting', () => {
  it('removes the tags of elements nested past the cap and keeps their text', () => {
    const html = `${'<div>'.repeat(5)}deep<b>er</b>${'</div>'.repeat(5)}<p>after</p>`
    expect(capNesting(html, 3)).toBe('<div><div><div>deeper</div></div></div><p>after</p>')
  })

  it('treats void elements, self-closing tags and implied end tags as browsers do', () => {
    expect(capNesting(`<ul>${'<li>item<br>'.repeat(4)}</ul>`, 2)).toBe(`<ul>${'<li>item<br>'.repeat(4)}</ul>`)
    expect(capNesting('<div><div><img src="a.png"/><p>x</p></div></div>', 2)).toBe('<div><div><img src="a.png"/>x</div></div>')
  })

  it('skips quoted > in attributes, comments and raw text, and drops a too-deep script whole', () => {
    const html = '<div title="a>b"><!-- <div><div> --><div><script>if (a<b) "<div>"</script><span>t</span></div></div>'
    expect(capNesting(html, 2)).toBe('<div title="a>b"><!-- <div><div> --><div>t</div></div>')
  })

  it('returns content with fewer tags than the cap unchanged without scanning it', () => {
    const html = '<p>one</p><p>two</p>'
    expect(capNesting(html, 4)).toBe(html)
  })

  it('caps 100,000 nested elements at MAX_HTML_DEPTH with the text intact', () => {
    const html = `${'<div>'.repeat(100_000)}bottom${'</div>'.repeat(100_000)}`
    const capped = capNesting(html)
    expect(depthOf(parseDocument(capped).children)).toBe(MAX_HTML_DEPTH)
    expect(capped).toBe(`${'<div>'.repeat(MAX_HTML_DEPTH)}bottom${'</div>'.repeat(MAX_HTML_DEPTH)}`)
  })

  // Each once slipped past the scan while htmlparser2 nested every element (issue 12 review).
  it.each([
    ['`/>` on elements that are not void', '', '<div/>'],
    ['a quote that opens no attribute value', '<div x">', '<div>'],
    ['an empty comment', '<!-->', '<div>'],
    ['an empty comment of three dashes', '<!--->', '<div>'],
    ['an element htmlparser2 parses as markup', '<noembed>', '<div>'],
  ])('caps nesting after %s', (_case, prefix, tag) => {
    const html = `${prefix}${tag.repeat(2000)}text`
    expect(depthOf(parseDocument(capNesting(html)).children)).toBeLessThanOrEqual(MAX_HTML_DEPTH)
    expect(textOf(capNesting(html))).toBe(textOf(html))
  })

  const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.stringMatching(/^[a-z ]{0,6}$/),
      fc.tuple(fc.constantFrom('div', 'span', 'b', 'section'), fc.array(tie('node'), { maxLength: 3 }))
        .map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
    ),
  })).node

  it('keeps every character of text and never leaves an element deeper than the cap (property)', () => {
    fc.assert(fc.property(tree, fc.integer({ min: 1, max: 4 }), (html, cap) => {
      const capped = capNesting(html, cap)
      expect(textOf(capped)).toBe(textOf(html))
      expect(depthOf(parseDocument(capped).children)).toBeLessThanOrEqual(cap)
      expect(capNesting(capped, cap)).toBe(capped)
    }), { numRuns: 300 })
  })
})
