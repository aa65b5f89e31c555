import { redactUrl } from '../../fetch/index.js'

/** Returns what a page calls a feed: its title, else its URL without credentials. */
export function feedName(feed: { readonly title: string | null; readonly url: string }): string {
  return feed.title ?? redactUrl(feed.url)
}
