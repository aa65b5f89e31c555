import { describe, expect, test } from 'vitest'
import { authorName } from '../../src/normalize/author-name.js'

describe('authorName', () => {
  test.each([
    ['a plain name', 'Ada Brook', 'Ada Brook'],
    ['RSS "email (Name)"', 'editor@example.com (Ben Ford)', 'Ben Ford'],
    ['"Name (email)"', 'Ben Ford (editor@example.com)', 'Ben Ford'],
    ['"Name <email>"', 'Ben Ford <editor@example.com>', 'Ben Ford'],
    ['an email alone stays', 'editor@example.com', 'editor@example.com'],
    ['entities decoded, whitespace collapsed', '  Jos&eacute;\n  Mar&#237;a ', 'Jos\u00e9 Mar\u00eda'],
    ['parentheses that are not an email stay', 'Ben Ford (guest)', 'Ben Ford (guest)'],
    ['blank', '  ', null],
    ['markup only', '<span></span>', null],
  ])('%s', (_name, raw, expected) => {
    expect(authorName(raw)).toBe(expected)
  })
})
