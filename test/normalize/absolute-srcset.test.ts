import { describe, expect, test } from 'vitest'
import { absoluteSrcset } from '../../src/normalize/absolute-srcset.js'

const BASE = 'https://site.example/posts/1'

describe('absoluteSrcset', () => {
  test.each([
    ['densities', 'a.png 1x, /b.png 2x', 'https://site.example/posts/a.png 1x, https://site.example/b.png 2x'],
    ['widths without space after commas', 'a.png 320w,b.png 640w', 'https://site.example/posts/a.png 320w, https://site.example/posts/b.png 640w'],
    ['width and height', 'a.png 640w 480h', 'https://site.example/posts/a.png 640w 480h'],
    ['a URL with commas', 'https://cdn.example/img/w_300,h_200/a.jpg 300w', 'https://cdn.example/img/w_300,h_200/a.jpg 300w'],
    ['no descriptor, trailing comma', 'a.png,', 'https://site.example/posts/a.png'],
    ['fractional density', 'a.png 1.5x', 'https://site.example/posts/a.png 1.5x'],
    ['bad descriptor drops the candidate', 'a.png href=, b.png 2x', 'https://site.example/posts/b.png 2x'],
    ['zero width is invalid', 'a.png 0w', ''],
    ['width with density is invalid', 'a.png 100w 2x', ''],
    ['javascript: dropped', 'javascript:alert(1) 1x, c.png 1x', 'https://site.example/posts/c.png 1x'],
    ['data: dropped', 'data:image/png;base64,AAA 1x', ''],
    ['empty', ' , ', ''],
  ])('%s', (_name, srcset, expected) => {
    expect(absoluteSrcset(srcset, BASE)).toBe(expected)
  })
})
