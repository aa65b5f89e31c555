/**
 * Host labels that serve the same article as the bare host: `www.`, mobile sites and AMP subdomains.
 * Leading ones are removed while at least two labels remain, so `www.co.uk`-style hosts survive.
 */
const ALIAS_HOST_LABELS = new Set(['www', 'm', 'mobile', 'amp'])

/** File names that a server shows for a directory, so `/news/index.html` is `/news/`. */
const DIRECTORY_INDEX = /\/(?:index|default)\.(?:html?|php|aspx?|jsp)$/i

/**
 * AMP versions of an article: a trailing `/amp` path segment (WordPress AMP plugin, many CMSs),
 * `?amp`, `?amp=1` and `?outputType=amp`.
 */
const AMP_SEGMENT = /\/amp\/?$/i
const AMP_PARAMS: readonly (readonly [string, readonly string[]])[] = [
  ['amp', ['', '1', 'true']],
  ['outputtype', ['amp']],
]

/**
 * Returns the key under which a canonical URL (from canonicalUrl) matches copies in other feeds:
 * scheme dropped (http and https copies of one page are one story), `www.`/`m.`/`amp.` host aliases,
 * AMP variants, directory index files and a trailing slash folded. Null for a site's root, which names
 * no single story (the homepage trap, issue 5), or for a string that is not a URL. Never throws.
 */
export function urlMatchKey(canonical: string): string | null {
  let url: URL
  try {
    url = new URL(canonical)
  } catch {
    return null
  }
  const labels = url.hostname.split('.')
  while (labels.length > 2 && ALIAS_HOST_LABELS.has(labels[0] ?? '')) labels.shift()
  const params = [...url.searchParams].filter(([name, value]) => !isAmpParam(name, value))
  // Linear: the lookbehind starts the match at the first slash of a run, never inside it.
  const path = url.pathname.replace(DIRECTORY_INDEX, '/').replace(AMP_SEGMENT, '/').replace(/(?<!\/)\/+$/, '')
  if (path === '' && params.length === 0) return null
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`
  return `${labels.join('.')}${url.port === '' ? '' : `:${url.port}`}${path}${query}`
}

function isAmpParam(name: string, value: string): boolean {
  return AMP_PARAMS.some(([ampName, values]) => name.toLowerCase() === ampName && values.includes(value.toLowerCase()))
}
