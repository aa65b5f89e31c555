import { canonicalUrl } from './canonical-url.js'

/**
 * Returns the publisher's own link when the feed gives one in FeedBurner's `feedburner:origLink`, else
 * the item's link. A `feedproxy.google.com/~r/<feed>/~3/<id>/<slug>` link names the article only on
 * FeedBurner's server, so it cannot be unwrapped from the URL alone (FeedBurner namespace reference:
 * "origLink: the original URL of the item, before FeedBurner rewrote it"). Never throws.
 */
export function preferOrigLink(link: string | null, origLink: string | null | undefined): string | null {
  // An origLink that is not an http(s) URL (the feedvalidator corpus has "not an URI") is ignored.
  return origLink != null && canonicalUrl(origLink.trim()) !== null ? origLink.trim() : link
}
