/** The host (with port) of a feed URL: the unit of per-host limits and metrics labels. */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : 'invalid'
}
