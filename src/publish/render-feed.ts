import { cleanInput } from './clean-input.js'
import type { PublishFormat, PublishInput } from './publish-input.js'
import { renderAtom } from './render-atom.js'
import { renderJsonFeed } from './render-json-feed.js'
import { renderRss } from './render-rss.js'

/**
 * Renders a collection as RSS 2.0, Atom 1.0 or JSON Feed 1.1, entries in the given order.
 * Throws PublishError when a document URL is not an absolute http(s) URL (the stylesheet's may be
 * relative) or updatedAt is invalid; a bad entry is cleaned or left out, never thrown for.
 */
export function renderFeed(format: PublishFormat, input: PublishInput): string {
  const feed = cleanInput(input)
  switch (format) {
    case 'rss':
      return renderRss(feed)
    case 'atom':
      return renderAtom(feed)
    case 'json':
      return renderJsonFeed(feed)
  }
}
