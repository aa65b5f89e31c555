import { InputError } from '../errors.js'
import { redactUrl } from '../fetch/index.js'

/** Returns the URL normalized by WHATWG parsing; throws InputError unless it is an absolute http(s) URL. */
export function assertFeedUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    // Unparseable text can still hold a user:password@ the user meant for the feed's server.
    throw new InputError(`feeds: not a URL: "${redactUrl(raw)}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`feeds: only http and https URLs can be subscribed, got "${url.protocol}"`)
  }
  url.hash = ''
  return url.toString()
}
