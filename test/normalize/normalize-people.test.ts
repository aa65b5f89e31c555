import { describe, expect, test } from 'vitest'
import type { Person } from '../../src/model/index.js'
import { normalizePeople } from '../../src/normalize/normalize-people.js'

const person = (name: string | null, email: string | null = null, url: string | null = null): Person => ({ name, email, url })

describe('normalizePeople', () => {
  test.each([
    ['a plain name', person('Ada Brook'), person('Ada Brook')],
    ['RSS "email (Name)"', person('editor@example.com (Ben Ford)'), person('Ben Ford', 'editor@example.com')],
    ['"Name (email)"', person('Ben Ford (editor@example.com)'), person('Ben Ford', 'editor@example.com')],
    ['"Name <email>"', person('Ben Ford <editor@example.com>'), person('Ben Ford', 'editor@example.com')],
    ['an email alone', person('editor@example.com'), person(null, 'editor@example.com')],
    ['a mailto: email', person(null, 'mailto:a@example.com'), person(null, 'a@example.com')],
    ['entities decoded, whitespace collapsed', person('  Jos&eacute;\n  Mar&#237;a '), person('Jos\u00e9 Mar\u00eda')],
    ['parentheses that are not an email stay', person('Ben Ford (guest)'), person('Ben Ford (guest)')],
    ['an explicit email is not split out of the name', person('a@b.example (A)', 'c@d.example'), person('a@b.example (A)', 'c@d.example')],
    ['a relative home page resolves', person('Ann', null, '/ann'), person('Ann', null, 'https://site.example/ann')],
    ['a javascript: home page is dropped', person('Ann', null, 'javascript:alert(1)'), person('Ann')],
  ])('%s', (_name, raw, expected) => {
    expect(normalizePeople([raw], 'https://site.example/posts/1')).toEqual([expected])
  })

  test.each([
    ['blank', person('  ')],
    ['markup only', person('<span></span>')],
    ['nothing at all', person(null)],
  ])('%s → dropped', (_name, raw) => {
    expect(normalizePeople([raw], null)).toEqual([])
  })

  test('the same person twice (RSS <author> and <dc:creator>) is merged, keeping every part', () => {
    expect(normalizePeople([person('cy@pod.example (Cy Host)'), person('cy host', null, 'https://cy.example/')], null)).toEqual([
      person('Cy Host', 'cy@pod.example', 'https://cy.example/'),
    ])
  })
})

test('a 100k-character run of spaces in a name costs linear time', () => {
  expect(normalizePeople([person(`a${' '.repeat(100_000)}b (c@d.example)`)], null)).toEqual([person('a b', 'c@d.example')])
  expect(normalizePeople([person(`${'x'.repeat(600)} (c@d.example)`)], null)).toEqual([person(`${'x'.repeat(600)} (c@d.example)`)])
})
