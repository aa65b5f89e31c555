import { redactUrl } from '../../fetch/index.js'
import type { FeedStatus } from '../../model/index.js'
import type { FeedActivity } from '../../store/index.js'
import { escapeHtml } from '../html.js'
import { feedHealth } from './feed-health.js'
import { feedName } from './feed-name.js'
import { renderLayout } from './layout.js'
import { linkTo } from './link-to.js'
import { timeTag } from './time-tag.js'

/** Renders the feed health table: status, last success, last error, next fetch, items per day over the activity window, and each feed's API link. */
export function renderFeedsPage(input: { feeds: readonly FeedStatus[]; activity: FeedActivity }): string {
  const { activity } = input
  const rows = input.feeds.map((f) => {
    const health = feedHealth(f)
    const perDay = activity.counts.get(f.id) ?? activity.days.map(() => 0)
    return `<tr>
<td>${linkTo(f.siteUrl, feedName(f))}<br><code class="muted">${escapeHtml(redactUrl(f.url))}</code><br><a href="/api/feeds/${f.id}">JSON</a> · <a href="/search?feed=${f.id}">items</a></td>
<td class="${health.tone}">${escapeHtml(health.label)}</td>
<td>${f.lastSuccessAt === null ? '—' : timeTag(f.lastSuccessAt)}</td>
<td>${f.lastError === null ? '—' : `<code>${escapeHtml(f.lastError.code)}</code> ${escapeHtml(f.lastError.message)}`}</td>
<td>${f.disabledReason === null ? timeTag(f.nextFetchAt) : '—'}</td>
<td>${sparkline(perDay, activity.days)}</td>
<td>${f.itemCount}</td>
</tr>`
  }).join('\n')
  const body = `<h1>Feeds</h1>
${input.feeds.length === 0
    ? '<p class="muted">No feeds yet. Add one with <code>tributary feeds add &lt;url&gt;</code>.</p>'
    : `<div class="table"><table>
<thead><tr><th>Feed</th><th>Status</th><th>Last success</th><th>Last error</th><th>Next fetch</th><th>Items per day<br><span class="meta">last ${activity.days.length} days</span></th><th>Items</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`}`
  return renderLayout({ title: 'Feeds · Tributary', section: 'feeds', body })
}

/** A bar per day scaled to the busiest day, with the numbers as text for screen readers and hover. */
function sparkline(perDay: readonly number[], days: readonly Date[]): string {
  const max = Math.max(1, ...perDay)
  const total = perDay.reduce((sum, n) => sum + n, 0)
  const label = perDay.map((n, i) => `${days[i]?.toISOString().slice(5, 10) ?? ''}: ${n}`).join(', ')
  const bars = perDay.map((n) => `<span style="height:${Math.round((n / max) * 100)}%"></span>`).join('')
  return `<span class="spark" role="img" aria-label="${escapeHtml(label)}" title="${escapeHtml(label)}">${bars}</span> ${total}`
}
