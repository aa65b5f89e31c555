import { FINGERPRINT_BITS } from '../../dedupe/index.js'
import type { StoryCopies, StoryCopy } from '../../store/index.js'
import { escapeHtml } from '../html.js'
import { feedName } from './feed-name.js'
import { renderLayout } from './layout.js'
import { linkTo } from './link-to.js'
import { EMPTY_SEARCH_FORM, searchPath } from './search-form.js'
import { timeTag } from './time-tag.js'

/** Renders a story's page: every copy with its feed, link, date, and why it was grouped with the others. */
export function renderStoryPage(story: StoryCopies): string {
  const [first] = story.copies
  const title = first?.title ?? story.id
  const feedCount = new Set(story.copies.map((c) => c.feed.id)).size
  const copies = story.copies.map((copy) => `<li>
<h3>${linkTo(copy.url, copy.title)}</h3>
<p class="meta">${[
    `<a href="${escapeHtml(searchPath({ ...EMPTY_SEARCH_FORM, feed: String(copy.feed.id) }))}">${escapeHtml(feedName(copy.feed))}</a>`,
    `published ${timeTag(copy.publishedAt)}`,
    `first seen ${timeTag(copy.firstSeenAt)}`,
    ...(copy.author === null ? [] : [`by ${escapeHtml(copy.author)}`]),
  ].join(' · ')}</p>
<p class="why"><code>${escapeHtml(copy.matchRule)}</code> ${escapeHtml(matchReason(copy))}</p>
${copy.summary === null ? '' : `<p class="muted">${escapeHtml(copy.summary)}</p>`}
</li>`).join('\n')
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">Story <code>${escapeHtml(story.id)}</code> · published ${timeTag(story.publishedAt)} · updated ${timeTag(story.updatedAt)}</p>
<p>${story.copies.length} ${story.copies.length === 1 ? 'copy' : 'copies'} from ${feedCount} ${feedCount === 1 ? 'feed' : 'feeds'}, in the order they arrived.</p>
<ol class="list copies">
${copies}
</ol>`
  return renderLayout({ title: `${title} · Tributary`, section: null, body })
}

/** Returns a sentence saying why a copy joined its story; a rule this page does not know is named as it is. */
export function matchReason(copy: Pick<StoryCopy, 'matchRule' | 'matchDistance'>): string {
  // Distances are differing bits of the 256-bit text fingerprints (see dedupe/same-story.ts).
  const distance = copy.matchDistance === null ? '' : ` (${copy.matchDistance} of ${FINGERPRINT_BITS} bits differ)`
  switch (copy.matchRule) {
    case 'first': return 'Started the story: the first copy stored.'
    case 'canonical_url': return 'Links to the same article (same canonical URL) as an earlier copy.'
    case 'fingerprint': return `Its text is nearly identical to an earlier copy${distance}.`
    case 'lead': return `A shorter version: its opening matches an earlier copy's text${distance}, and the titles are alike.`
    case 'title': return 'Has little or no text, and the same specific headline as an earlier copy.'
    default: return `Grouped by the rule “${copy.matchRule}”${copy.matchDistance === null ? '' : `, distance ${copy.matchDistance}`}.`
  }
}
