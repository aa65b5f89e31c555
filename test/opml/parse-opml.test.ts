import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OpmlError, parseOpml } from '../../src/opml/index.js'
import { sharedPath } from '../helpers/shared-data.js'

const CORPUS = `${sharedPath('corpus')}/`

interface CorpusFile {
  readonly path: string
  readonly format: string
  readonly encoding?: string
}

function readCorpus(path: string, encoding?: string): string {
  const latin1 = encoding !== undefined && /^iso-8859-1$/i.test(encoding)
  return readFileSync(`${CORPUS}${path}`, latin1 ? 'latin1' : 'utf8')
}

function opmlError(run: () => unknown): OpmlError {
  try {
    run()
  } catch (err: unknown) {
    if (err instanceof OpmlError) return err
    throw err
  }
  throw new Error('expected an OpmlError')
}

const wrap = (body: string, head = '<head><title>Subs</title></head>'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">${head}<body>${body}</body></opml>`

describe('parseOpml: outlines', () => {
  it('reads feeds with their innermost folder, title and site', () => {
    const doc = parseOpml(
      wrap(`
        <outline type="rss" text="Top" xmlUrl="https://top.example/feed" htmlUrl="https://top.example/"/>
        <outline text="Tech" title="ignored for folders">
          <outline text="Go" xmlUrl="https://go.example/rss"/>
          <outline title="Deep">
            <outline title="Deeper feed" xmlUrl="https://deep.example/atom"/>
          </outline>
        </outline>`),
    )
    expect(doc).toEqual({
      title: 'Subs',
      feeds: [
        { url: 'https://top.example/feed', title: 'Top', siteUrl: 'https://top.example/', folders: [] },
        { url: 'https://go.example/rss', title: 'Go', siteUrl: null, folders: ['Tech'] },
        { url: 'https://deep.example/atom', title: 'Deeper feed', siteUrl: null, folders: ['Deep'] },
      ],
      skipped: [],
    })
  })

  it.each([
    ['xmlUrl', 'xmlUrl="https://a.example/f"'],
    ['xmlurl', 'xmlurl="https://a.example/f"'],
    ['XMLURL', 'XMLURL="https://a.example/f"'],
  ])('matches the %s attribute name case-insensitively', (_name, attribute) => {
    expect(parseOpml(wrap(`<outline text="A" ${attribute} HTMLURL="https://a.example/"/>`)).feeds).toEqual([
      { url: 'https://a.example/f', title: 'A', siteUrl: 'https://a.example/', folders: [] },
    ])
  })

  it('merges a feed listed in several folders into one entry with every folder', () => {
    const doc = parseOpml(
      wrap(`
        <outline text="News"><outline xmlUrl="https://a.example/f"/></outline>
        <outline xmlUrl="https://a.example/f" text="Named later" htmlUrl="https://a.example/"/>
        <outline text="Tech"><outline xmlUrl="https://a.example/f" text="Named last"/></outline>
        <outline text="News"><outline xmlUrl="https://a.example/f"/></outline>`),
    )
    expect(doc.feeds).toEqual([
      { url: 'https://a.example/f', title: 'Named later', siteUrl: 'https://a.example/', folders: ['News', 'Tech'] },
    ])
  })

  it('treats an unnamed folder as transparent and an untitled feed as untitled', () => {
    const doc = parseOpml(
      wrap(`
        <outline text="Outer"><outline text="  "><outline xmlUrl="https://a.example/f" text="https://a.example/f"/></outline></outline>
        <outline xmlUrl="https://b.example/f" title="" htmlUrl=""/>`),
    )
    expect(doc.feeds).toEqual([
      { url: 'https://a.example/f', title: null, siteUrl: null, folders: ['Outer'] },
      { url: 'https://b.example/f', title: null, siteUrl: null, folders: [] },
    ])
  })

  it('skips xmlUrl values that are not absolute http(s) URLs and reports them', () => {
    const doc = parseOpml(
      wrap(`
        <outline text="Cmd" xmlUrl="|~/fetch.py"/>
        <outline text="Rel" xmlUrl="/feed.xml"/>
        <outline text="Js" xmlUrl="javascript:alert(1)"/>
        <outline text="Ok" xmlUrl=" https://ok.example/feed "/>`),
    )
    expect(doc.feeds.map((feed) => feed.url)).toEqual(['https://ok.example/feed'])
    const reason = 'opml: xmlUrl is not an absolute http(s) URL'
    expect(doc.skipped).toEqual([
      { url: '|~/fetch.py', reason },
      { url: '/feed.xml', reason },
      { url: 'javascript:alert(1)', reason },
    ])
  })

  it('ignores outlines outside <body> and cleans control characters from names', () => {
    const doc = parseOpml(
      '<opml version="1.1"><head><title> My\tsubs\u0001 </title><outline xmlUrl="https://head.example/f"/></head>' +
        '<body><outline text="Fo&#10;lder"><outline text="A\u0007B" xmlUrl="https://a.example/f"/></outline></body>' +
        '</opml>',
    )
    expect(doc).toEqual({
      title: 'My subs',
      feeds: [{ url: 'https://a.example/f', title: 'A B', siteUrl: null, folders: ['Fo lder'] }],
      skipped: [],
    })
  })

  it('accepts an empty body, a missing head and a byte order mark', () => {
    expect(parseOpml('\uFEFF<opml version="2.0"><body/></opml>')).toEqual({ title: null, feeds: [], skipped: [] })
  })
})

describe('parseOpml: malformed input', () => {
  it.each([
    ['an unclosed element', '<opml>\n<body>\n<outline text="a">\n</body></opml>', /^opml: not well-formed XML at line 4: unexpected close tag/],
    ['a bare ampersand', '<opml><head><title>This & That</title></head><body/></opml>', /^opml: not well-formed XML at line 1/],
    ['text that is not XML', 'hello', /^opml: not well-formed XML at line 1/],
    ['a second root element', '<opml><body/></opml>\n<opml/>', /^opml: not well-formed XML at line 2/],
    ['an unclosed root', '<opml><body/>', /^opml: not well-formed XML/],
    ['an unquoted attribute', '<opml><body><outline xmlUrl=https://a.example/f/></body></opml>', /^opml: not well-formed XML/],
    ['a root that is not opml', '<rss version="2.0"><channel/></rss>', /^opml: root element is <rss>, not <opml>$/],
    ['no body', '<opml version="1.0"><head><title>t</title></head></opml>', /^opml: no <body>$/],
    ['a body in the wrong place', '<opml><head><body/></head></opml>', /^opml: no <body>$/],
    ['an empty document', '  \n', /^opml: empty document$/],
  ])('throws OpmlError for %s', (_case, xml, message) => {
    const error = opmlError(() => parseOpml(xml))
    expect(error.code).toBe('opml_invalid')
    expect(error.message).toMatch(message)
  })

  it.each([
    ['an external entity (XXE)', '<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'],
    ['an internal entity', '<!DOCTYPE opml [<!ENTITY name "Injected">]>'],
    [
      'nested entities (billion laughs)',
      '<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
  ])('never expands %s', (_case, doctype) => {
    const entity = doctype.includes('xxe') ? 'xxe' : doctype.includes('name') ? 'name' : 'b'
    const xml = `${doctype}\n<opml><head><title>&${entity};</title></head><body/></opml>`
    expect(opmlError(() => parseOpml(xml)).message).toMatch(/^opml: not well-formed XML at line 2: invalid character entity/)
  })
})

describe('parseOpml: corpus', () => {
  it('reads the newsboat import example with innermost folders', () => {
    const doc = parseOpml(readCorpus('newsboat/test/data/example.opml'))
    expect(doc.title).toBe('Example OPML file for Newsboat tests')
    expect(doc.feeds.map((feed) => [feed.url, feed.title, feed.folders])).toEqual([
      ['https://example.com/feed.xml', 'example.com website', []],
      ['https://example.com/mirrors/distrowatch.rss', 'Distrowatch mirror', []],
      ['https://example.com/feed.atom', 'example.com website (Atom feed)', []],
      ['https://example.com/feed.rss09', 'example.com website (RSS 0.9 feed)', []],
      ['https://blogs.example.com/~john/posts.rss', "John's musings", ['Blogs']],
      ['https://blogs.example.com/~mike/.rss', 'Notes by Mike', ['friends']],
      ['https://fred.example.com/writing/index.php?type=rss', 'Fred on everything', ['eloquent']],
    ])
  })

  it('reads the other newsboat cases', () => {
    expect(parseOpml(readCorpus('newsboat/test/data/test-urls+.opml')).feeds.map((feed) => [feed.url, feed.folders])).toEqual([
      ['http://test1.url.cc/feed.xml', ['tag2']],
      ['http://anotherfeed.com/', []],
      ['http://onemorefeed.at/feed/', ['tag3']],
      ['https://example.com/another_feed.atom', []],
    ])
    const piped = parseOpml(readCorpus('newsboat/test/data/piped.opml'))
    expect(piped.feeds.map((feed) => feed.url)).toEqual(['https://example.com/feed.atom'])
    expect(piped.skipped.map((outline) => outline.url)).toEqual(['|~/fetch_tweets.py'])
    expect(parseOpml(readCorpus('newsboat/test/data/category.opml')).feeds).toEqual([
      { url: 'http://feeds.bbci.co.uk/news/business/rss.xml?edition=int', title: null, siteUrl: null, folders: [] },
    ])
    expect(parseOpml(readCorpus('newsboat/test/data/example2.opml')).feeds).toHaveLength(7)
    expect(opmlError(() => parseOpml(readCorpus('newsboat/test/data/body-element-missing.opml'))).message).toBe(
      'opml: no <body>',
    )
    expect(opmlError(() => parseOpml(readCorpus('newsboat/test/data/opml-element-missing.opml'))).message).toBe(
      'opml: root element is <not-opml>, not <opml>',
    )
  })

  it.each(['opml_1.0.xml', 'opml_2.0.xml'])('reads rome %s', (file) => {
    const doc = parseOpml(readCorpus(`rome/rome-opml/src/test/resources/${file}`))
    expect(doc.title).toBe('Bloglines Subscriptions')
    expect(doc.feeds).toHaveLength(11)
    expect(doc.feeds[0]).toEqual({
      url: 'http://www.bloglines.com/rss/about/news',
      title: 'Bloglines | News',
      siteUrl: 'http://www.bloglines.com/',
      folders: ['Subscriptions'],
    })
    expect(doc.feeds.filter((feed) => feed.folders[0] === 'nerdy')).toHaveLength(7)
  })

  it('finds no feeds in a list of links', () => {
    expect(parseOpml(readCorpus('rome/rome-opml/src/test/resources/opml_1.0_links.xml')).feeds).toEqual([])
  })

  // Every OPML test case of the W3C feed validator: the ones it expects a SAX error for must
  // throw "not well-formed", the missing-body case "no <body>", and every other one must parse.
  const index = JSON.parse(readFileSync(`${CORPUS}index.json`, 'utf8')) as { files: CorpusFile[] }
  const validatorCases = index.files.filter(
    (file) => file.format === 'opml' && file.path.startsWith('feedvalidator/'),
  )

  it('has the feed validator cases', () => {
    expect(validatorCases.length).toBeGreaterThanOrEqual(30)
  })

  it.each(validatorCases.map((file) => [file.path, file] as const))('feed validator %s', (_path, file) => {
    const xml = readCorpus(file.path, file.encoding)
    const expect_ = /Expect:\s*(.*)/.exec(xml)?.[1] ?? ''
    if (expect_.includes('SAXError')) {
      expect(opmlError(() => parseOpml(xml)).message).toMatch(/^opml: not well-formed XML at line \d+/)
    } else if (expect_.includes('MissingElement{element:body')) {
      expect(opmlError(() => parseOpml(xml)).message).toBe('opml: no <body>')
    } else {
      expect(() => parseOpml(xml)).not.toThrow()
    }
  })

  it('merges the duplicate feeds of the validator subscription list and reads lowercase xmlurl', () => {
    const doc = parseOpml(readCorpus('feedvalidator/testcases/opml/errors/subscriptionListErrors1.opml', 'ISO-8859-1'))
    expect(doc.feeds).toEqual([{ url: 'http://www.badopml.com/rss.xml', title: 'Feed 2', siteUrl: null, folders: [] }])
  })

  it('reads the outlines after a closed <body/> as outside it', () => {
    expect(parseOpml(readCorpus('feedvalidator/testcases/opml/errors/closedbody.opml')).feeds).toEqual([])
  })
})
