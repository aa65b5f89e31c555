/** The host (with port) of a feed URL: the label of per-host metrics (the per-host budget uses the feeds.host column). */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : 'invalid'
}
