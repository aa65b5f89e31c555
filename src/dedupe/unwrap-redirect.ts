/**
 * Redirectors that carry their target in a query parameter, by exact hostname. Feeds and newsletters
 * wrap article links in these to count clicks; the article is the parameter's value.
 * - Google News RSS (older `news.google.com/news/url?…&url=`) and Google Alerts feeds
 *   (`www.google.com/url?rct=j&sa=t&url=…`); the older search redirect uses `q`.
 * - Bing News RSS (`www.bing.com/news/apiclick.aspx?…&url=`).
 * - Facebook and Instagram link shims (`l.facebook.com/l.php?u=`, `l.instagram.com/?u=`).
 * - Old Reddit outbound links (`out.reddit.com/…?url=`), YouTube descriptions (`www.youtube.com/redirect?q=`),
 *   Tumblr (`t.umblr.com/redirect?z=`), Slack (`slack-redir.net/link?url=`), Outlook Safe Links
 *   (`*.safelinks.protection.outlook.com/?url=`, matched by suffix below).
 * Not unwrappable without a request, so left alone: shorteners whose target lives on their server (t.co,
 * bit.ly, ow.ly, buff.ly, dlvr.it, trib.al, lnkd.in), FeedBurner `feedproxy.google.com/~r/…` (use
 * `feedburner:origLink`, see preferOrigLink), Google News `news.google.com/rss/articles/CBM…` (an
 * encoded id, decoded only by Google's servers), Mailchimp and SendGrid click trackers, and Proofpoint.
 */
const QUERY_REDIRECTORS: readonly QueryRedirector[] = [
  { host: 'news.google.com', path: /^\/(news\/)?url$/, params: ['url'] },
  { host: 'www.google.com', path: /^\/url$/, params: ['url', 'q'] },
  { host: 'google.com', path: /^\/url$/, params: ['url', 'q'] },
  { host: 'www.bing.com', path: /^\/news\/apiclick\.aspx$/i, params: ['url'] },
  { host: 'l.facebook.com', path: /^\/l\.php$/, params: ['u'] },
  { host: 'lm.facebook.com', path: /^\/l\.php$/, params: ['u'] },
  { host: 'l.instagram.com', path: /^\/$/, params: ['u'] },
  { host: 'out.reddit.com', path: /^\//, params: ['url'] },
  { host: 'www.youtube.com', path: /^\/redirect$/, params: ['q'] },
  { host: 't.umblr.com', path: /^\/redirect$/, params: ['z'] },
  { host: 'slack-redir.net', path: /^\/link$/, params: ['url'] },
]
const SAFE_LINKS_SUFFIX = '.safelinks.protection.outlook.com'

interface QueryRedirector {
  readonly host: string
  readonly path: RegExp
  readonly params: readonly string[]
}

/**
 * AMP caches serve a publisher's page under their own host, with the publisher's host as the first
 * path segments: `www.google.com/amp/s/<host>/<path>` and `<x>.cdn.ampproject.org/c/s/<host>/<path>`
 * (`/s/` marks https; https://developers.google.com/amp/cache/overview).
 */
const GOOGLE_AMP_PATH = /^\/amp\/(s\/)?(.+)$/
const AMP_CACHE_PATH = /^\/[cvi]\/(s\/)?(.+)$/
const AMP_CACHE_SUFFIX = '.cdn.ampproject.org'

/**
 * Returns the target of a known click redirector or AMP cache URL when the target is written in the
 * URL itself (one level; the caller repeats), else null. Never throws.
 */
export function unwrapRedirect(url: URL): string | null {
  const host = url.hostname
  if ((host === 'www.google.com' || host === 'google.com') && GOOGLE_AMP_PATH.test(url.pathname)) {
    return fromAmpPath(url, GOOGLE_AMP_PATH)
  }
  if (host.endsWith(AMP_CACHE_SUFFIX)) return fromAmpPath(url, AMP_CACHE_PATH)
  const params = host.endsWith(SAFE_LINKS_SUFFIX)
    ? ['url']
    : QUERY_REDIRECTORS.find((r) => r.host === host && r.path.test(url.pathname))?.params
  if (params === undefined) return null
  for (const name of params) {
    const target = url.searchParams.get(name)
    if (target !== null && /^https?:\/\//i.test(target)) return target
  }
  return null
}

function fromAmpPath(url: URL, pattern: RegExp): string | null {
  const match = pattern.exec(url.pathname)
  if (match === null || match[2] === undefined) return null
  return `${match[1] === undefined ? 'http' : 'https'}://${match[2]}${url.search}`
}
