import { InputError } from '../errors.js'

/** Returns the URL normalized by WHATWG parsing; throws InputError unless it is an absolute http(s) URL. */
export function assertFeedUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new InputError(`feeds: not a URL: "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`feeds: only http and https URLs can be subscribed, got "${url.protocol}"`)
  }
  url.hash = ''
  return url.toString()
}
