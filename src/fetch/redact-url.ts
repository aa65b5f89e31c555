/**
 * Returns `input` without the username and password a URL may carry, for logs, messages and
 * anything stored. Text that is not a URL with an authority (it failed to parse, or has an opaque
 * path like "user:pass@host") cannot say where a userinfo would end, so everything between its
 * scheme and its last '@' is masked. Never throws.
 */
export function redactUrl(input: string): string {
  const url = URL.canParse(input) ? new URL(input) : null
  if (url !== null && url.host !== '') {
    url.username = ''
    url.password = ''
    return url.href
  }
  const at = input.lastIndexOf('@')
  if (at === -1) return input
  const scheme = /^[a-z][a-z\d+.-]*:(?:\/\/)?/i.exec(input)?.[0] ?? ''
  return `${scheme}***@${input.slice(at + 1)}`
}
