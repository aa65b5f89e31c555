import { redactUrl } from '../../fetch/index.js'
import { ALL_COLLECTION, type Collection, type FeedStatus } from '../../model/index.js'
import type { PublishFormat } from '../../publish/index.js'
import { escapeHtml } from '../html.js'
import { collectionFeedPath } from '../render-collection.js'
import { feedHealth, type FeedHealth } from './feed-health.js'
import { feedName } from './feed-name.js'
import { renderLayout } from './layout.js'
import { linkTo } from './link-to.js'
import { timeTag } from './time-tag.js'

const FORMATS: readonly [PublishFormat, string, string][] = [
  ['atom', 'Atom', 'application/atom+xml'],
  ['rss', 'RSS', 'application/rss+xml'],
  ['json', 'JSON Feed', 'application/feed+json'],
]

// The summary names only the first few troubled feeds; the feeds page has them all.
const TROUBLED_SHOWN = 5
// A collection's source list starts open up to this many sources, so their health shows at a glance.
const SOURCES_SHOWN_OPEN = 10

/** What the index page shows; `staticSite` makes it the static copy that `publish --all` writes. */
export interface IndexPageInput {
  readonly publicUrl: string
  readonly collections: readonly Collection[]
  readonly feeds: readonly FeedStatus[]
  /** For a static copy: when it was made (health is as of then), and the OPML file beside it; it links to no server page. */
  readonly staticSite?: { readonly builtAt: Date; readonly opmlPath: string }
}

/**
 * Renders the index page: each collection with its subscribe links (absolute, on the public URL, and
 * as `<link rel="alternate">` for discovery) and its sources with their health, then a health summary.
 */
export function renderIndexPage(input: IndexPageInput): string {
  const feedUrl = (name: string, format: PublishFormat) => input.publicUrl + collectionFeedPath(name, format)
  const head = input.collections.flatMap((c) => FORMATS.map(([format, label, type]) =>
    `<link rel="alternate" type="${type}" title="${escapeHtml(`${c.title ?? c.name} (${label})`)}" href="${escapeHtml(feedUrl(c.name, format))}">\n`)).join('')
  const serverOnly = input.staticSite === undefined
  const collections = input.collections.map((c) => renderCollection(c, input.feeds, feedUrl, serverOnly)).join('\n')
  const opml = input.staticSite?.opmlPath ?? '/opml'
  const body = `<h1>Collections</h1>
<p class="muted">Each collection is one merged, deduplicated feed. Subscribe to it in any feed reader.</p>
${input.staticSite === undefined ? '' : `<p class="meta">Published ${timeTag(input.staticSite.builtAt)}; sources' health as of then.</p>\n`}${collections}
<p><a href="${escapeHtml(opml)}">OPML of all subscriptions</a></p>
<h2>Feed health</h2>
${renderHealthSummary(input.feeds, serverOnly)}`
  return renderLayout({ title: 'Tributary', section: 'collections', body, head, staticSite: !serverOnly })
}

function renderCollection(
  c: Collection,
  feeds: readonly FeedStatus[],
  feedUrl: (name: string, format: PublishFormat) => string,
  serverOnly: boolean,
): string {
  const links = FORMATS.map(([format, label]) => `<a href="${escapeHtml(feedUrl(c.name, format))}">${label}</a>`).join(' · ')
  const sources = feeds.filter((f) => c.name === ALL_COLLECTION || f.collections.includes(c.name))
  const terms = [
    ...(c.includeTerms.length === 0 ? [] : [`only items with ${c.includeTerms.map((t) => `“${escapeHtml(t)}”`).join(' or ')}`]),
    ...(c.excludeTerms.length === 0 ? [] : [`never items with ${c.excludeTerms.map((t) => `“${escapeHtml(t)}”`).join(' or ')}`]),
  ]
  return `<section class="card collection" id="collection-${escapeHtml(c.name)}">
<h3>${escapeHtml(c.title ?? c.name)}${c.title === null || c.title === c.name ? '' : ` <code class="muted">${escapeHtml(c.name)}</code>`}</h3>
${c.description === null ? '' : `<p>${escapeHtml(c.description)}</p>`}
<p class="subscribe">Subscribe: ${links}</p>
${terms.length === 0 ? '' : `<p class="meta">Filter: ${terms.join('; ')}</p>`}
${sources.length === 0
    ? '<p class="meta">No sources yet.</p>'
    : `<details${sources.length <= SOURCES_SHOWN_OPEN ? ' open' : ''}><summary>${sources.length} ${sources.length === 1 ? 'source' : 'sources'}</summary><ul class="sources">${sources.map(renderSource).join('')}</ul></details>`}
${serverOnly ? `<p class="meta"><a href="/search?collection=${encodeURIComponent(c.name)}">Search this collection</a></p>` : ''}
</section>`
}

// The feed link never carries credentials: a subscribed URL may hold a user and password.
function renderSource(f: FeedStatus): string {
  const health = feedHealth(f)
  const facts = [
    `<span class="${health.tone}">${escapeHtml(health.label)}</span>`,
    `last success ${f.lastSuccessAt === null ? 'never' : timeTag(f.lastSuccessAt)}`,
    ...(f.lastError === null ? [] : [`last error <code>${escapeHtml(f.lastError.code)}</code> ${escapeHtml(f.lastError.message)}`]),
  ]
  return `<li>${linkTo(f.siteUrl, feedName(f))} (${linkTo(redactUrl(f.url), 'feed')})<br><span class="meta">${facts.join(' · ')}</span></li>`
}

function renderHealthSummary(feeds: readonly FeedStatus[], serverOnly: boolean): string {
  if (feeds.length === 0) return '<p class="muted">No feeds yet. Add one with <code>tributary feeds add &lt;url&gt;</code>.</p>'
  const healths = feeds.map((f) => [f, feedHealth(f)] as const)
  const count = (kind: FeedHealth['kind']) => healths.filter(([, h]) => h.kind === kind).length
  const parts = [
    `<span class="ok">${count('ok')} ok</span>`,
    `<span class="warn">${count('failing')} failing</span>`,
    `<span class="bad">${count('disabled')} disabled</span>`,
    `<span class="muted">${count('new')} not fetched yet</span>`,
  ]
  const troubled = healths.filter(([, h]) => h.kind === 'failing' || h.kind === 'disabled')
  const list = troubled.slice(0, TROUBLED_SHOWN).map(([f, h]) =>
    `<li>${escapeHtml(feedName(f))}: <span class="${h.tone}">${escapeHtml(h.label)}</span>${f.lastError === null ? '' : ` <code>${escapeHtml(f.lastError.code)}</code>`}</li>`).join('')
  return `<p>${feeds.length} ${feeds.length === 1 ? 'feed' : 'feeds'}: ${parts.join(' · ')}.${serverOnly ? ' <a href="/feeds">All feeds</a>' : ''}</p>
${list === '' ? '' : `<ul>${list}</ul>${troubled.length > TROUBLED_SHOWN ? `<p class="meta">and ${troubled.length - TROUBLED_SHOWN} more</p>` : ''}`}`
}
