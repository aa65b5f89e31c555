import type { Redirect } from '../model/index.js'

/** Where a feed's permanent redirect stands after one fetch. */
export interface RedirectDecision {
  /** The permanent target still awaiting confirmation; null when this fetch saw none or it was confirmed. */
  readonly pendingRedirect: { readonly url: string; readonly seen: number } | null
  /** The confirmed new URL to store; null to keep the current one. */
  readonly moveTo: string | null
}

/**
 * Decides whether a fetch's redirect chain moves the feed. Only an unbroken run of 301/308 from the
 * stored URL counts (RFC 9110 §15.4.2, §15.4.9: clients "ought to" update links); a 302/307 anywhere
 * before it means the move is not permanent. The target must be seen on `confirmations` fetches in a
 * row, so a misconfigured server for an afternoon cannot move a subscription for good.
 */
export function decidePermanentRedirect(
  redirects: readonly Redirect[],
  previous: { readonly url: string; readonly seen: number } | null,
  confirmations: number,
): RedirectDecision {
  let target: string | null = null
  for (const hop of redirects) {
    if (hop.status !== 301 && hop.status !== 308) break
    target = hop.to
  }
  if (target === null) return { pendingRedirect: null, moveTo: null }
  const seen = previous?.url === target ? previous.seen + 1 : 1
  if (seen >= confirmations) return { pendingRedirect: null, moveTo: target }
  return { pendingRedirect: { url: target, seen }, moveTo: null }
}
