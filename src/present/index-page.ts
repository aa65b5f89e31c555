import { redactUrl } from '../fetch/index.js'
import type { Collection, FeedStatus } from '../model/index.js'
import type { PublishFormat } from '../publish/index.js'
import { escapeHtml } from './html.js'
import { collectionFeedPath } from './render-collection.js'

const FORMATS: readonly [PublishFormat, string][] = [['atom', 'Atom'], ['rss', 'RSS'], ['json', 'JSON Feed']]

/** Renders the index page: each collection with its subscribe links, then every feed's health. */
export function renderIndexPage(input: { publicUrl: string; collections: readonly Collection[]; feeds: readonly FeedStatus[] }): string {
  const collections = input.collections.map((c) => {
    const links = FORMATS.map(([format, label]) =>
      `<a href="${escapeHtml(input.publicUrl + collectionFeedPath(c.name, format))}">${label}</a>`).join(' · ')
    const title = c.title ?? c.name
    return `<li><strong>${escapeHtml(title)}</strong> <code>${escapeHtml(c.name)}</code> (${c.feedCount} feeds): ${links}</li>`
  }).join('\n')
  const rows = input.feeds.map((f) => `<tr>
<td><a href="${escapeHtml(f.siteUrl ?? redactUrl(f.url))}">${escapeHtml(f.title ?? redactUrl(f.url))}</a></td>
<td>${escapeHtml(status(f))}</td>
<td>${time(f.lastSuccessAt)}</td>
<td>${f.lastError === null ? '' : `<code>${escapeHtml(f.lastError.code)}</code> ${escapeHtml(f.lastError.message)}`}</td>
<td>${f.disabledReason === null ? time(f.nextFetchAt) : '—'}</td>
<td>${f.itemCount}</td>
</tr>`).join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tributary</title>
<link rel="alternate" type="application/atom+xml" title="All feeds" href="${escapeHtml(input.publicUrl + collectionFeedPath('all', 'atom'))}">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}</style>
</head>
<body>
<h1>Tributary</h1>
<h2>Collections</h2>
<ul>
${collections}
</ul>
<p><a href="${escapeHtml(input.publicUrl)}/opml">OPML of all subscriptions</a></p>
<h2>Feeds</h2>
<table>
<thead><tr><th>Feed</th><th>Status</th><th>Last success</th><th>Last error</th><th>Next fetch</th><th>Items</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`
}

function status(feed: FeedStatus): string {
  if (feed.disabledReason !== null) return `disabled: ${feed.disabledReason}`
  if (feed.lastError !== null) return `failing (${feed.errorCount}×)`
  return feed.lastSuccessAt === null ? 'not fetched yet' : 'ok'
}

function time(date: Date | null): string {
  return date === null ? '' : `<time datetime="${date.toISOString()}">${date.toISOString().replace('T', ' ').slice(0, 16)} UTC</time>`
}
