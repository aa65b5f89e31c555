import sax from 'sax'
import { OpmlError } from './errors.js'
import type { OpmlDocument, OpmlSkipped } from './opml-document.js'
import { cleanLabel } from './clean-label.js'

// One open element, with the folder its child outlines belong to.
interface Frame {
  readonly name: string
  readonly folder: string | null
}

interface FeedDraft {
  url: string
  title: string | null
  siteUrl: string | null
  folders: string[]
}

/**
 * Reads an OPML 1.0/2.0 subscription list. Every `<outline>` in `<body>` with an xmlUrl is a
 * feed; an outline without one is a folder, and a feed belongs to its innermost named folder
 * (nested folders are not joined into a path; an unnamed folder is transparent). A feed listed
 * in several folders is one entry with all of them. Names come from `text`, else `title`
 * (OPML 2.0: text is what the user sees); attribute names are matched case-insensitively.
 * Throws OpmlError when the text is not well-formed XML, its root is not <opml>, or it has no
 * <body>. Entities are never expanded from a DTD, so external entities are never fetched.
 */
export function parseOpml(xml: string): OpmlDocument {
  // Strict mode: well-formedness errors, text outside the root and unknown entities all fail.
  const parser = sax.parser(true, { position: true })
  const stack: Frame[] = []
  const feeds = new Map<string, FeedDraft>()
  const skipped: OpmlSkipped[] = []
  let sawRoot = false
  let sawBody = false
  let title = ''

  parser.onerror = (error) => {
    // sax writes "Reason\nLine: n\nColumn: n\nChar: c", with a zero-based line.
    const reason = error.message.split('\n')[0] ?? error.message
    throw notWellFormed(parser.line, reason.toLowerCase(), error)
  }
  parser.onopentag = (tag) => {
    const name = tag.name.toLowerCase()
    const parent = stack.at(-1)
    if (parent === undefined) {
      // sax accepts a second root element; XML 1.0 §2.1 does not.
      if (sawRoot) throw notWellFormed(parser.line, 'more than one root element')
      if (name !== 'opml') throw new OpmlError(`opml: root element is <${tag.name}>, not <opml>`)
      sawRoot = true
    }
    if (name === 'body' && parent?.name === 'opml' && stack.length === 1) sawBody = true
    const inBody = stack[1]?.name === 'body' && (parent?.name === 'body' || parent?.name === 'outline')
    if (name !== 'outline' || !inBody) {
      stack.push({ name, folder: parent?.folder ?? null })
      return
    }
    const attributes = lowerCaseAttributes(tag.attributes)
    const folder = parent?.folder ?? null
    const label = labelOf(attributes.get('text')) ?? labelOf(attributes.get('title'))
    const xmlUrl = attributes.get('xmlurl')?.trim() ?? ''
    if (xmlUrl === '') {
      stack.push({ name, folder: label ?? folder })
      return
    }
    stack.push({ name, folder })
    const url = httpUrl(xmlUrl)
    if (url === null) {
      skipped.push({ url: xmlUrl, reason: 'opml: xmlUrl is not an absolute http(s) URL' })
      return
    }
    // A label that is only the URL (what renderOpml writes for an untitled feed) names nothing.
    addFeed(feeds, {
      url,
      title: label === xmlUrl || label === url ? null : label,
      siteUrl: httpUrl(attributes.get('htmlurl') ?? ''),
      folders: folder === null ? [] : [folder],
    })
  }
  parser.onclosetag = () => {
    stack.pop()
  }
  parser.ontext = (text) => {
    if (isHeadTitle(stack)) title += text
  }
  parser.oncdata = parser.ontext

  parser.write(xml).close()
  if (!sawRoot) throw new OpmlError('opml: empty document')
  if (!sawBody) throw new OpmlError('opml: no <body>')
  return {
    title: nonEmpty(cleanLabel(title)),
    feeds: [...feeds.values()],
    skipped,
  }
}

function notWellFormed(zeroBasedLine: number, reason: string, cause?: Error): OpmlError {
  return new OpmlError(`opml: not well-formed XML at line ${zeroBasedLine + 1}: ${reason}`, { cause })
}

function labelOf(text: string | undefined): string | null {
  return nonEmpty(cleanLabel(text ?? ''))
}

function addFeed(feeds: Map<string, FeedDraft>, feed: FeedDraft): void {
  const known = feeds.get(feed.url)
  if (known === undefined) {
    feeds.set(feed.url, feed)
    return
  }
  known.title ??= feed.title
  known.siteUrl ??= feed.siteUrl
  for (const folder of feed.folders) if (!known.folders.includes(folder)) known.folders.push(folder)
}

function isHeadTitle(stack: readonly Frame[]): boolean {
  return stack.length === 3 && stack[1]?.name === 'head' && stack[2]?.name === 'title'
}

// OPML files in the wild write xmlUrl, xmlurl and XMLURL alike.
// sax gives { value } objects instead of strings only in xmlns mode, which is off; both are read.
function lowerCaseAttributes(
  attributes: Readonly<Record<string, string | { value: string }>>,
): Map<string, string> {
  const map = new Map<string, string>()
  for (const [name, value] of Object.entries(attributes)) {
    map.set(name.toLowerCase(), typeof value === 'string' ? value : value.value)
  }
  return map
}

function httpUrl(text: string): string | null {
  const trimmed = text.trim()
  if (!URL.canParse(trimmed)) return null
  const url = new URL(trimmed)
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
}

function nonEmpty(text: string): string | null {
  return text === '' ? null : text
}
