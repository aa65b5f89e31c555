import type { StoryFeaturesOptions } from '../../../src/dedupe/index.js'
import type { Item } from '../../../src/model/index.js'
import { buildItem } from '../../helpers/build-item.js'

/** A hand-written article: the clean text that every copy in a pair is made from. */
export interface Article {
  readonly id: string
  readonly title: string
  /** HTML-safe text; an edit may put inline markup in (`replace`). */
  readonly paragraphs: readonly string[]
}

/** A feed of the labeled set: its title, and the title affixes refresh/ would learn from its documents. */
export interface FeedSpec {
  readonly title: string
  readonly titleAffixes?: readonly string[]
}

/**
 * One copy of an article as a feed would deliver it. `body` picks how much text the feed carries,
 * `wrap` adds one site's kind of boilerplate, the edit fields change the text before that.
 */
export interface SideSpec {
  /** An article id, `seed` for the shared scraped article, or null for a headline-only item given by `title`. */
  readonly article: string | null
  readonly feed: number
  readonly url: string | null
  /** Hours after the set's base time. */
  readonly hours: number
  readonly guid?: string
  readonly title?: string
  readonly titlePrefix?: string
  readonly titleSuffix?: string
  /** full (default), summary (500 characters and an ellipsis), excerpt (55 words and "[…]"), lead (first paragraph), sentence, cut:N (first N paragraphs), none. */
  readonly body?: string
  /** promo: lines that no boilerplate rule knows, to measure how unseen wrapping degrades matching. */
  readonly wrap?: 'content-farm' | 'wordpress' | 'newspaper' | 'aggregator' | 'promo'
  /** html (default): paragraphs in <p>; text: blank-line separated, as scraped. */
  readonly form?: 'html' | 'text'
  readonly dateline?: string
  readonly replace?: readonly (readonly [string, string])[]
  /** Paragraph indexes to remove; negative counts from the end. */
  readonly drop?: readonly number[]
  readonly insert?: readonly (readonly [number, string])[]
  readonly append?: readonly string[]
  readonly origLink?: string
  /** The seed exactly as scraped (only with `article: 'seed'`). */
  readonly raw?: boolean
  /** A summary that ends in a "Read more" link. */
  readonly readMore?: boolean
}

/** What a side is built from besides its spec. */
export interface BuildContext {
  readonly articles: ReadonlyMap<string, Article>
  /** The seed as scraped (shared/seed). */
  readonly seedText: string
  readonly feeds: Readonly<Record<string, FeedSpec>>
  readonly baseTime: Date
}

/** Headlines of other stories that wrappers link to ("See also", "Related"). */
const OTHER_HEADLINES = [
  'Local bakery wins national bread award for third year running',
  'Five simple ways to cut your energy bill this winter',
  'City zoo welcomes twin snow leopard cubs',
]
const SUMMARY_CHARS = 500
const EXCERPT_WORDS = 55

/** Returns the Item a feed would deliver for a side, with the options storyFeatures needs; throws for an unknown article or feed. */
export function buildSideItem(spec: SideSpec, context: BuildContext): { item: Item, options: StoryFeaturesOptions } {
  const feed = context.feeds[String(spec.feed)]
  if (feed === undefined) throw new Error(`labeled pairs: unknown feed ${spec.feed}`)
  const base = baseArticle(spec, context)
  const title = `${spec.titlePrefix ?? ''}${spec.title ?? base.title}${spec.titleSuffix ?? ''}`
  const publishedAt = new Date(context.baseTime.getTime() + spec.hours * 3_600_000)
  const blocks = spec.raw === true ? null : wrap(spec, selectBody(spec, edit(spec, base.paragraphs)), title, feed.title)
  const contentHtml = spec.raw === true ? context.seedText : blocks === null || blocks.length === 0 ? null : render(blocks, spec.form ?? 'html')
  const plain = contentHtml === null ? null : contentHtml.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
  const item = buildItem({
    guid: spec.guid ?? null,
    url: spec.url,
    title,
    summary: plain === null ? null : truncate(plain, SUMMARY_CHARS),
    contentHtml,
    publishedAt,
  })
  return {
    item,
    options: { feedId: spec.feed, feedTitle: feed.title, seenAt: publishedAt, origLink: spec.origLink ?? null, titleAffixes: feed.titleAffixes ?? [] },
  }
}

function baseArticle(spec: SideSpec, context: BuildContext): Article {
  if (spec.article === null) return { id: '', title: spec.title ?? '', paragraphs: [] }
  if (spec.article === 'seed') return seedArticle(context.seedText)
  const article = context.articles.get(spec.article)
  if (article === undefined) throw new Error(`labeled pairs: unknown article ${spec.article}`)
  return article
}

// The seed's layout: breadcrumb, title, byline, title, dek, the article's paragraphs (with a "See also"
// line among them), then "You may also like" and the comment and cookie furniture.
function seedArticle(seedText: string): Article {
  const lines = seedText.split('\n').map((line) => line.trim()).filter((line) => line !== '')
  const end = lines.indexOf('You may also like')
  return {
    id: 'seed',
    title: lines[1] ?? '',
    paragraphs: lines.slice(5, end < 0 ? undefined : end).filter((line) => !line.startsWith('See also')),
  }
}

function edit(spec: SideSpec, paragraphs: readonly string[]): string[] {
  let result = paragraphs.map((p) => (spec.replace ?? []).reduce((text, [from, to]) => text.replace(from, to), p))
  const dropped = new Set((spec.drop ?? []).map((i) => (i < 0 ? result.length + i : i)))
  result = result.filter((_, i) => !dropped.has(i))
  for (const [at, text] of spec.insert ?? []) result.splice(at, 0, text)
  result.push(...(spec.append ?? []))
  if (spec.dateline !== undefined && result[0] !== undefined) result[0] = `${spec.dateline} ${result[0]}`
  return result
}

function selectBody(spec: SideSpec, paragraphs: string[]): string[] {
  const body = spec.body ?? 'full'
  const text = paragraphs.join(' ')
  if (body === 'full') return paragraphs
  if (body === 'none') return []
  if (body === 'summary') return [truncate(text, SUMMARY_CHARS) + (spec.readMore === true ? ' Read more »' : '')]
  if (body === 'excerpt') return [`${text.split(/\s+/).slice(0, EXCERPT_WORDS).join(' ')} […]`]
  if (body === 'lead') return paragraphs.slice(0, 1)
  if (body === 'sentence') return [/^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text]
  const cut = /^cut:(\d+)$/.exec(body)
  if (cut !== null) return paragraphs.slice(0, Number(cut[1]))
  throw new Error(`labeled pairs: unknown body ${body}`)
}

interface Block {
  readonly text: string
  /** Raw HTML used instead of a <p> in the html form. */
  readonly html?: string
}

// Each wrapper imitates one kind of site; the content farm follows the seed's layout.
function wrap(spec: SideSpec, paragraphs: readonly string[], title: string, feedTitle: string): Block[] | null {
  if (paragraphs.length === 0) return null
  const body: Block[] = paragraphs.map((html) => ({ text: html.replace(/<[^>]*>/g, ''), html: `<p>${html}</p>` }))
  const other = OTHER_HEADLINES[paragraphs.length % OTHER_HEADLINES.length] ?? ''
  switch (spec.wrap) {
    case undefined:
      return body
    case 'content-farm':
      return [
        { text: `Home » ${title}` }, { text: title }, { text: 'by admin' }, { text: title },
        ...insertAt(body, Math.floor(body.length / 2), { text: `See also  ${other} Info` }),
        { text: 'You may also like' }, { text: 'Leave a Comment' },
        { text: 'This site uses Akismet to reduce spam. Learn how your comment data is processed.' },
        { text: 'This website uses cookies to improve your experience. We\'ll assume you\'re ok with this, but you can opt-out if you wish. Accept Read More' },
        { text: 'Privacy & Cookies Policy' },
      ]
    case 'wordpress':
      return [
        ...body,
        { text: `The post ${title} appeared first on ${feedTitle}.`, html: `<p>The post <a href="${spec.url ?? ''}">${escape(title)}</a> appeared first on <a href="https://site.example/">${escape(feedTitle)}</a>.</p>` },
        { text: 'Share this:' }, { text: 'Click to share on X (Opens in new window)' },
        { text: 'Click to share on Facebook (Opens in new window)' }, { text: 'Like this:' }, { text: 'Like Loading...' },
      ]
    case 'newspaper':
      return [
        { text: 'By Staff Reporter' }, { text: 'Published 8:14 AM, May 6, 2024' },
        { text: 'A file picture. (Photo: Jane Doe/Wire)', html: '<figure><img src="https://img.example/1.jpg" alt=""><figcaption>A file picture. (Photo: Jane Doe/Wire)</figcaption></figure>' },
        ...insertAt(insertAt(body, 2, { text: `Related: ${other}` }), 1, { text: 'Advertisement' }),
        { text: `Sign up for the ${feedTitle} morning newsletter to get the day's top stories in your inbox.` },
        { text: 'Tags: news, world, politics' }, { text: `© 2024 ${feedTitle}. All rights reserved.` },
      ]
    case 'aggregator':
      return [
        { text: 'Source: Tributary Wire' }, ...body, { text: 'Read more at Tributary Wire »' }, { text: '12 comments' },
      ]
    case 'promo':
      return [
        { text: `Get breaking news alerts first: download the ${feedTitle} app for your phone.` },
        ...body,
        { text: 'This story was originally published by Tributary Wire and is republished here with permission.' },
        { text: 'Our journalism is funded by readers like you. Become a member today for unlimited access to every story.' },
        { text: `Have a news tip? Email newsroom@${feedTitle.toLowerCase().replace(/\W/g, '')}.example or call 555-0100.` },
        { text: 'Follow us on Instagram and TikTok for more stories like this one.' },
      ]
  }
}

function insertAt(blocks: readonly Block[], at: number, block: Block): Block[] {
  return [...blocks.slice(0, at), block, ...blocks.slice(at)]
}

function render(blocks: readonly Block[], form: 'html' | 'text'): string {
  if (form === 'text') return blocks.map((b) => b.text).join('\n\n')
  return blocks.map((b) => b.html ?? `<p>${escape(b.text)}</p>`).join('\n')
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

// As normalize/truncate-text.ts does for summaries: cut at a word boundary in the last third, add an ellipsis.
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const head = text.slice(0, maxChars - 1)
  const space = head.search(/\s\S*$/)
  const words = space >= ((maxChars - 1) * 2) / 3 ? head.slice(0, space) : head
  return `${words.replace(/[\s,;:.\-–—]+$/, '')}…`
}
