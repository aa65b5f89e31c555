import { escapeHtml } from '../html.js'

/**
 * Returns a link to `url` with escaped `text`, or the escaped text alone when `url` is missing or not
 * http(s): stored URLs come from feeds, and a `javascript:` link must never become clickable.
 */
export function linkTo(url: string | null, text: string): string {
  if (url === null || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return escapeHtml(text)
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`
}
