import { ALL_COLLECTION, type Collection, type FeedStatus } from '../../model/index.js'
import type { PublishFormat } from '../../publish/index.js'
import { escapeHtml } from '../html.js'
import { collectionFeedPath } from '../render-collection.js'
import { feedHealth, type FeedHealth } from './feed-health.js'
import { feedName } from './feed-name.js'
import { renderLayout } from './layout.js'
import { linkTo } from './link-to.js'

const FORMATS: readonly [PublishFormat, string, string][] = [
  ['atom', 'Atom', 'application/atom+xml'],
  ['rss', 'RSS', 'application/rss+xml'],
  ['json', 'JSON Feed', 'application/feed+json'],
]

// The summary names only the first few troubled feeds; the feeds page has them all.
const TROUBLED_SHOWN = 5

/** Renders the index page: each collection with its subscribe links (absolute, on the public URL) and sources, then a feed health summary. */
export function renderIndexPage(input: { publicUrl: string; collections: readonly Collection[]; feeds: readonly FeedStatus[] }): string {
  const feedUrl = (name: string, format: PublishFormat) => input.publicUrl + collectionFeedPath(name, format)
  const head = FORMATS.map(([format, label, type]) =>
    `<link rel="alternate" type="${type}" title="All feeds (${label})" href="${escapeHtml(feedUrl(ALL_COLLECTION, format))}">\n`).join('')
  const collections = input.collections.map((c) => renderCollection(c, input.feeds, feedUrl)).join('\n')
  const body = `<h1>Collections</h1>
<p class="muted">Each collection is one merged, deduplicated feed. Subscribe to it in any feed reader.</p>
${collections}
<p><a href="/opml">OPML of all subscriptions</a></p>
<h2>Feed health</h2>
${renderHealthSummary(input.feeds)}`
  return renderLayout({ title: 'Tributary', section: 'collections', body, head })
}

function renderCollection(c: Collection, feeds: readonly FeedStatus[], feedUrl: (name: string, format: PublishFormat) => string): string {
  const links = FORMATS.map(([format, label]) => `<a href="${escapeHtml(feedUrl(c.name, format))}">${label}</a>`).join(' · ')
  const sources = feeds.filter((f) => c.name === ALL_COLLECTION || f.collections.includes(c.name))
  const terms = [
    ...(c.includeTerms.length === 0 ? [] : [`only items with ${c.includeTerms.map((t) => `“${escapeHtml(t)}”`).join(' or ')}`]),
    ...(c.excludeTerms.length === 0 ? [] : [`never items with ${c.excludeTerms.map((t) => `“${escapeHtml(t)}”`).join(' or ')}`]),
  ]
  const sourceList = sources.map((f) => {
    const health = feedHealth(f)
    return `<li>${linkTo(f.siteUrl, feedName(f))}${health.kind === 'ok' ? '' : ` <span class="${health.tone}">(${escapeHtml(health.label)})</span>`}</li>`
  }).join('')
  return `<section class="card collection" id="collection-${escapeHtml(c.name)}">
<h3>${escapeHtml(c.title ?? c.name)}${c.title === null || c.title === c.name ? '' : ` <code class="muted">${escapeHtml(c.name)}</code>`}</h3>
${c.description === null ? '' : `<p>${escapeHtml(c.description)}</p>`}
<p class="subscribe">Subscribe: ${links}</p>
${terms.length === 0 ? '' : `<p class="meta">Filter: ${terms.join('; ')}</p>`}
${sources.length === 0
    ? '<p class="meta">No sources yet.</p>'
    : `<details><summary>${sources.length} ${sources.length === 1 ? 'source' : 'sources'}</summary><ul>${sourceList}</ul></details>`}
<p class="meta"><a href="/search?collection=${encodeURIComponent(c.name)}">Search this collection</a></p>
</section>`
}

function renderHealthSummary(feeds: readonly FeedStatus[]): string {
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
  return `<p>${feeds.length} ${feeds.length === 1 ? 'feed' : 'feeds'}: ${parts.join(' · ')}. <a href="/feeds">All feeds</a></p>
${list === '' ? '' : `<ul>${list}</ul>${troubled.length > TROUBLED_SHOWN ? `<p class="meta">and ${troubled.length - TROUBLED_SHOWN} more</p>` : ''}`}`
}
