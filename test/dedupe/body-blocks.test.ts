import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bodyBlocks } from '../../src/dedupe/index.js'
import { sharedPath } from '../helpers/shared-data.js'

/** A syndicated article as a content farm serves it (issue 5), used by path like the shared corpus. */
const SEED = fs.readFileSync(sharedPath('seed/000_95e844e618777d2a.txt'), 'utf8')
const SEED_TITLE = SEED.split('\n')[2] ?? ''

describe('bodyBlocks', () => {
  it('keeps only the article paragraphs of the seed', () => {
    const blocks = bodyBlocks(SEED, SEED_TITLE).map((words) => words.join(' '))
    expect(blocks[0]).toMatch(/^antony blinken the us secretary of state met with south korean leaders/)
    expect(blocks.at(-1)).toMatch(/^overall the discussions between the u s and south korea/)
    expect(blocks).toHaveLength(11)
    const text = blocks.join(' ')
    for (const boilerplate of ['home', 'by admin', 'see also', 'you may also like', 'leave a comment', 'akismet', 'cookies']) {
      expect(text).not.toContain(boilerplate)
    }
  })

  it.each([
    ['breadcrumb and title echo', ['Home » A storm', 'A storm', 'Rain fell all day.'], 'a storm', ['rain fell all day']],
    ['byline and date line', ['By Jane Doe', 'Updated 3 hours ago', 'Rain fell all day.'], 't', ['rain fell all day']],
    ['headings and subheads', ['What we know', 'Rain fell all day.'], 't', ['rain fell all day']],
    ['a related-links list', ['Rain fell.', 'Related stories', 'Flood warning issued', 'Roads closed', 'More rain came over the hills in the afternoon, and the river rose above its banks by evening.'], 't',
      ['rain fell', 'more rain came over the hills in the afternoon and the river rose above its banks by evening']],
    ['everything after a comment section starts', ['Rain fell.', '3 comments', 'Great article, thanks for sharing this with all of us.'], 't', ['rain fell']],
    ['share bar, ads, tags, copyright, newsletter', ['Share this: Facebook Twitter', 'Rain fell.', 'Advertisement', 'Tags: weather, rain', '© 2024 The Paper. All rights reserved.', 'Sign up for our newsletter for more stories.'], 't', ['rain fell']],
    ['WordPress attribution', ['Rain fell.', 'The post A storm appeared first on The Paper.'], 'a storm', ['rain fell']],
    ['a wire dateline', ['SEOUL, South Korea (AP) — Rain fell.'], 't', ['rain fell']],
    ['not a dateline', ['U.S. officials said — without evidence — that rain fell.'], 't', ['u s officials said without evidence that rain fell']],
  ])('drops %s', (_name, lines, title, expected) => {
    expect(bodyBlocks(lines.join('\n'), title).map((words) => words.join(' '))).toEqual(expected)
  })

  it('reads HTML blocks, decodes references and treats line breaks inside a paragraph as spaces', () => {
    const html = '<p>Rain &amp; wind\nhit the&nbsp;coast.</p><figure><img src="x.jpg"><figcaption>Photo: A. B.</figcaption></figure><p>Roads &#8217;closed&#x2019;.</p>'
    expect(bodyBlocks(html, 't')).toEqual([['rain', 'wind', 'hit', 'the', 'coast'], ['roads', 'closed']])
  })

  it.each([
    ['an ellipsis', 'The council voted to rebuild the bri…'],
    ['a WordPress excerpt marker', 'The council voted to rebuild the bri [&hellip;]'],
    ['a read-more link', 'The council voted to rebuild the bri... Read more »'],
  ])('drops the cut-off last word after %s', (_name, text) => {
    expect(bodyBlocks(`<p>${text}</p>`, 't').flat()).toEqual(['the', 'council', 'voted', 'to', 'rebuild', 'the'])
  })
})
