import { attrOf } from './xml-node.js'

/** Where relative references inside one element resolve: its base URL, or null when the document set none. */
export interface BaseScope {
  /** The document's own URL, against which a relative `xml:base` on the outermost element resolves. */
  readonly documentUrl: string | null
  /** The absolute `xml:base` in effect, or null when no element so far declared one. */
  readonly base: string | null
}

/** Returns the scope of a document fetched from `url` (null when `url` is not an http(s) URL). Never throws. */
export function documentScope(url: string): BaseScope {
  return { documentUrl: httpUrl(url, undefined), base: null }
}

// XML Base §4.2: an element's base is its xml:base resolved against its parent's base, and the
// outermost one against the document's URL (RFC 3986 §5.1.3). Only http(s) bases are accepted:
// xml:base="javascript:…" must not turn every relative link below it into script.
/** Returns the scope inside an element whose `xml:base` attribute is `value` (or absent). Never throws. */
export function withBase(scope: BaseScope, value: string | null): BaseScope {
  if (value === null) return scope
  const base = httpUrl(value.trim(), scope.base ?? scope.documentUrl ?? undefined)
  return base === null ? scope : { ...scope, base }
}

/** Returns the scope inside an xml2js element, from its `xml:base` attribute. Never throws. */
export function scopeOf(node: unknown, scope: BaseScope): BaseScope {
  return withBase(scope, attrOf(node, 'xml:base'))
}

// Only references under an explicit xml:base are resolved here; the rest stay as written and
// normalize resolves them against the entry link, the feed link or the feed URL.
/** Returns `reference` resolved against the scope's xml:base, or as written when there is none. Never throws. */
export function resolveInScope(reference: string | null, scope: BaseScope): string | null {
  if (reference === null || scope.base === null) return reference
  return httpUrl(reference, scope.base) ?? reference
}

function httpUrl(reference: string, base: string | undefined): string | null {
  try {
    const url = new URL(reference, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
