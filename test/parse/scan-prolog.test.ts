import { describe, expect, test } from 'vitest'
import { rootAttributes, scanProlog } from '../../src/parse/scan-prolog.js'

describe('scanProlog', () => {
  test('finds the root and its attributes, references decoded, past the declaration, comments and doctype', () => {
    const text = `\ufeff<?xml version="1.0"?><!-- c --><!DOCTYPE rss [<!ENTITY a ">">]>\n<rss version='2.0' xml:base="https://a.example/?x=1&amp;y=2" note="a>b">`
    const prolog = scanProlog(text)
    expect(prolog.rootName).toBe('rss')
    expect(prolog.doctype?.internalSubset).toBe('<!ENTITY a ">">')
    expect({ ...rootAttributes(text, prolog) }).toEqual({ version: '2.0', 'xml:base': 'https://a.example/?x=1&y=2', note: 'a>b' })
  })

  test('an attribute named like an Object property is only an attribute', () => {
    const text = '<feed __proto__="x" constructor="y"/>'
    const attributes = rootAttributes(text, scanProlog(text))
    expect([attributes.__proto__, attributes.constructor]).toEqual(['x', 'y'])
  })

  test.each([
    ['no root', '<?xml version="1.0"?>'],
    ['text', 'hello'],
    ['unterminated comment', '<!-- <rss>'],
  ])('%s: no root, no attributes', (_name, text) => {
    const prolog = scanProlog(text)
    expect([prolog.rootName, { ...rootAttributes(text, prolog) }]).toEqual([null, {}])
  })
})
