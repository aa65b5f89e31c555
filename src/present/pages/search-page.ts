import type { Collection, Page, StoredItem } from '../../model/index.js'
import { escapeHtml } from '../html.js'
import { feedName } from './feed-name.js'
import { renderLayout } from './layout.js'
import { linkTo } from './link-to.js'
import { EMPTY_SEARCH_FORM, searchPath, type SearchForm } from './search-form.js'
import { storyPath } from './story-path.js'
import { timeTag } from './time-tag.js'

/** A feed as the search page names it in its filter and its results. */
export interface SearchFeed {
  readonly id: number
  readonly title: string | null
  readonly url: string
}

/** What the search page shows: the form as typed, the choices for its selects, and either results or the message saying what was wrong. */
export interface SearchPageInput {
  readonly form: SearchForm
  readonly collections: readonly Collection[]
  readonly feeds: readonly SearchFeed[]
  readonly results: Page<StoredItem> | null
  readonly error: string | null
}

/** Renders the search page: the filter form, then one page of results with a link to the next, or the error message. */
export function renderSearchPage(input: SearchPageInput): string {
  const { form } = input
  const title = form.q === '' ? 'Search · Tributary' : `${form.q} · Search · Tributary`
  const body = `<h1>Search</h1>
${renderForm(input)}
${input.error === null ? '' : `<p class="message" role="alert">${escapeHtml(input.error)}</p>`}
${input.results === null ? '' : renderResults(input.results, input.feeds, form)}`
  return renderLayout({ title, section: 'search', body })
}

function renderForm({ form, collections, feeds }: SearchPageInput): string {
  const value = (text: string) => `value="${escapeHtml(text)}"`
  const option = (optionValue: string, label: string, selected: string) =>
    `<option value="${escapeHtml(optionValue)}"${optionValue === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`
  const collectionOptions = collections.map((c) => option(c.name, c.title ?? c.name, form.collection)).join('')
  const feedOptions = feeds.map((f) => option(String(f.id), feedName(f), form.feed)).join('')
  return `<form class="search" method="get" action="/search" role="search">
<div class="row">
<input type="search" name="q" ${value(form.q)} placeholder='words, "a phrase", -exclude, this or that' aria-label="Search text" autofocus>
<button type="submit">Search</button>
</div>
<div class="row">
<label>Collection<select name="collection"><option value="">Any</option>${collectionOptions}</select></label>
<label>Feed<select name="feed"><option value="">Any</option>${feedOptions}</select></label>
<label>Author<input name="author" ${value(form.author)}></label>
<label>Category<input name="category" ${value(form.category)}></label>
</div>
<div class="row">
<label>Published from<input type="date" name="since" ${value(form.since)}></label>
<label>through<input type="date" name="until" ${value(form.until)}></label>
<label>Order<select name="sort">${option('newest', 'Newest first', form.sort === '' ? 'newest' : form.sort)}${option('rank', 'Best match', form.sort)}</select></label>
<label class="check"><input type="checkbox" name="per_story" value="1"${form.perStory === '1' ? ' checked' : ''}> One per story</label>
</div>
</form>`
}

function renderResults(results: Page<StoredItem>, feeds: readonly SearchFeed[], form: SearchForm): string {
  const feedsById = new Map(feeds.map((f) => [f.id, f]))
  if (results.items.length === 0) {
    return `<p class="muted">${form.cursor === '' ? 'No items match.' : 'No more items.'}</p>${pager(results, form)}`
  }
  const items = results.items.map((item) => {
    const feed = feedsById.get(item.feedId)
    const meta = [
      `<a href="${escapeHtml(searchPath({ ...EMPTY_SEARCH_FORM, feed: String(item.feedId) }))}">${escapeHtml(feed === undefined ? `feed ${item.feedId}` : feedName(feed))}</a>`,
      timeTag(item.publishedAt),
      ...(item.author === null ? [] : [`by ${escapeHtml(item.author)}`]),
      `<a href="${escapeHtml(storyPath(item.storyId))}">story</a>`,
    ].join(' · ')
    // The snippet is built by the store from escaped text, with <mark> as its only markup.
    const excerpt = item.snippet ?? (item.summary === null ? '' : escapeHtml(shorten(item.summary, 280)))
    return `<li>
<h3>${linkTo(item.url, item.title)}</h3>
<p class="meta">${meta}</p>
${excerpt === '' ? '' : `<p class="snippet">${excerpt}</p>`}
</li>`
  }).join('\n')
  return `<p class="muted">${results.items.length} ${results.items.length === 1 ? 'item' : 'items'}${form.cursor === '' ? '' : ' (later page)'}</p>
<ol class="list results">
${items}
</ol>
${pager(results, form)}`
}

function pager(results: Page<StoredItem>, form: SearchForm): string {
  const links = [
    ...(form.cursor === '' ? [] : [`<a href="${escapeHtml(searchPath(form))}">First page</a>`]),
    ...(results.nextCursor === null ? [] : [`<a rel="next" href="${escapeHtml(searchPath(form, results.nextCursor))}">Next page →</a>`]),
  ]
  return links.length === 0 ? '' : `<nav class="pager" aria-label="Pages">${links.join('')}</nav>`
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}
