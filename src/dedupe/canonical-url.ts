import { unwrapRedirect } from './unwrap-redirect.js'

/**
 * Query parameters that only track the reader, never select the content; dropped from canonical URLs
 * (matched lowercased). Each family is documented by its vendor:
 * - Google Analytics campaigns: `utm_*` (prefix below; GA4 adds utm_id, utm_source_platform, …) and the
 *   cross-domain linker `_ga`, `_gl`.
 * - Ad click ids: Google Ads `gclid`, `gclsrc`, `wbraid`, `gbraid`, Display & Video 360 `dclid`,
 *   Microsoft Advertising `msclkid`, Yandex Direct `yclid`, Meta `fbclid`, X/Twitter `twclid`,
 *   TikTok `ttclid`, LinkedIn `li_fat_id`, Pinterest `epik`.
 * - Email and marketing automation: Mailchimp `mc_cid`, `mc_eid`; HubSpot `_hsenc`, `_hsmi`, `__hstc`,
 *   `__hssc`, `__hsfp`, `hsctatracking`; Marketo `mkt_tok`; Omeda `oly_anon_id`, `oly_enc_id`;
 *   Vero `vero_id`, `vero_conv`.
 * - Share widgets: Instagram `igshid`, `igsh`; X/Twitter embeds `ref_src`, `ref_url`.
 * - Matomo/Piwik campaigns: `mtm_*` (prefix below) and `pk_campaign`, `pk_kwd`, `pk_keyword`,
 *   `pk_source`, `pk_medium`, `pk_content`, `pk_cid`.
 * - Yahoo's consent redirect appends `guccounter`, `guce_referrer`, `guce_referrer_sig`.
 * Generic names (`ref`, `source`, `from`) stay: some sites select content with them (GitHub `?ref=`).
 */
const TRACKING_PARAMS = new Set([
  '_ga', '_gl',
  'gclid', 'gclsrc', 'wbraid', 'gbraid', 'dclid', 'msclkid', 'yclid', 'fbclid', 'twclid', 'ttclid', 'li_fat_id', 'epik',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking', 'mkt_tok', 'oly_anon_id',
  'oly_enc_id', 'vero_id', 'vero_conv',
  'igshid', 'igsh', 'ref_src', 'ref_url',
  'pk_campaign', 'pk_kwd', 'pk_keyword', 'pk_source', 'pk_medium', 'pk_content', 'pk_cid',
  'guccounter', 'guce_referrer', 'guce_referrer_sig',
])
const TRACKING_PREFIXES = ['utm_', 'mtm_']

/**
 * Returns the canonical form of an http(s) URL for matching copies of one story: lowercase scheme and
 * host, no default port, no fragment, tracking parameters removed, the rest sorted, and a click redirector
 * or AMP cache unwrapped to its target (see unwrapRedirect). Null if not an http(s) URL. Never throws.
 */
export function canonicalUrl(raw: string): string | null {
  let url = parseHttpUrl(raw)
  if (url === null) return null
  // Redirectors can wrap one another (a Safe Link around a Google Alert). Each target is written inside
  // its wrapper, so it is shorter; unwrapAndParse insists on that, which ends the loop.
  for (let next = unwrapAndParse(url); next !== null; next = unwrapAndParse(url)) url = next
  url.hash = ''
  // WHATWG URL already lowercases scheme and host and drops default ports.
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name.toLowerCase()))
  kept.sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
  url.search = new URLSearchParams(kept).toString()
  return url.toString()
}

/** True when a canonical URL is only a site's root, which many different items link to (the homepage trap). */
export function isSiteRoot(canonical: string): boolean {
  const url = new URL(canonical)
  return (url.pathname === '/' || url.pathname === '') && url.search === ''
}

function parseHttpUrl(raw: string): URL | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
}

function unwrapAndParse(url: URL): URL | null {
  const target = unwrapRedirect(url)
  const next = target === null ? null : parseHttpUrl(target)
  return next !== null && next.href.length < url.href.length ? next : null
}

function isTrackingParam(name: string): boolean {
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix))
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
