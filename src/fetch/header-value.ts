/** Response headers as undici hands them over: lower-case names, repeated field lines as arrays. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>

/** Returns the first line of a singleton header (ETag, Expires…), trimmed, or null if absent or blank. Never throws. */
export function headerValue(headers: ResponseHeaders, name: string): string | null {
  const raw = headers[name]
  const first = (Array.isArray(raw) ? raw[0] : raw)?.trim()
  return first === undefined || first === '' ? null : first
}

/** Returns every field line of a list header joined with ', ' (RFC 9110 §5.3), or null when absent. Never throws. */
export function headerList(headers: ResponseHeaders, name: string): string | null {
  const raw = headers[name]
  if (raw === undefined) return null
  return Array.isArray(raw) ? raw.join(', ') : raw
}
