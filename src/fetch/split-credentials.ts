/** A URL without its userinfo, and the Basic credentials that userinfo held. */
export interface SplitUrl {
  readonly url: URL
  /** `Basic …` for an Authorization header (RFC 7617), or null when the URL had no userinfo. */
  readonly authorization: string | null
}

/** Returns a copy of `url` without username and password, and the Authorization value they make. Never throws. */
export function splitCredentials(url: URL): SplitUrl {
  if (url.username === '' && url.password === '') return { url, authorization: null }
  const stripped = new URL(url.href)
  stripped.username = ''
  stripped.password = ''
  // The URL holds them as percent-encoded UTF-8; RFC 7617 §2.1 sends user-pass as UTF-8 too.
  const userPass = Buffer.concat([percentDecode(url.username), Buffer.from(':'), percentDecode(url.password)])
  return { url: stripped, authorization: `Basic ${userPass.toString('base64')}` }
}

// WHATWG URL "percent-decode": %XX becomes the byte XX, and anything else, a stray '%' included,
// stays as it is (decodeURIComponent would throw on it).
function percentDecode(value: string): Buffer {
  const input = Buffer.from(value)
  const output = Buffer.alloc(input.length)
  let length = 0
  for (let index = 0; index < input.length; index += 1) {
    const hex = input.toString('latin1', index + 1, index + 3)
    if (input[index] === 0x25 && /^[\da-f]{2}$/i.test(hex)) {
      output[length] = Number.parseInt(hex, 16)
      index += 2
    } else {
      output[length] = input[index] ?? 0
    }
    length += 1
  }
  return output.subarray(0, length)
}
