/** What the fetch stage needs to know about a feed to request it politely. */
export interface FetchRequest {
  readonly url: string
  /** Validators from the last 200 response, sent back as If-None-Match / If-Modified-Since. */
  readonly etag: string | null
  readonly lastModified: string | null
}

/** One hop of a redirect chain, in the order they were followed. */
export interface Redirect {
  readonly from: string
  readonly to: string
  readonly status: number
}

/** Caching hints from the response headers, used to schedule the next fetch. */
export interface CacheHints {
  /** Cache-Control max-age (or s-maxage), seconds. */
  readonly maxAgeSeconds: number | null
  /** Expires header as an absolute time. */
  readonly expiresAt: Date | null
  /** Retry-After (RFC 9110 §10.2.3) as an absolute time, when present (usually on 429/503); null otherwise. */
  readonly retryAt: Date | null
}

/** The outcome of one fetch that reached the server and got a usable answer. A failure is a thrown FetchError. */
export type FetchResult =
  | {
      readonly status: 'ok'
      /** URL of the final response, after redirects. */
      readonly finalUrl: string
      readonly httpStatus: number
      readonly body: Buffer
      readonly contentType: string | null
      readonly etag: string | null
      readonly lastModified: string | null
      readonly redirects: readonly Redirect[]
      readonly cache: CacheHints
    }
  | {
      readonly status: 'not-modified'
      readonly finalUrl: string
      /** New validators a 304 may carry (RFC 9111 §4.3.4); null when the 304 did not send one. */
      readonly etag: string | null
      readonly lastModified: string | null
      readonly redirects: readonly Redirect[]
      readonly cache: CacheHints
    }
