/** A Python literal as feedparser's `Expect:` lines write them. */
export type PythonValue = string | number | boolean | null | readonly PythonValue[]

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\u0007', b: '\b', f: '\f', v: '\v', '0': '\0' }

/** Returns the value of one Python literal (string with u/r prefix, int, float, tuple/list, None, True, False), or undefined. */
export function parsePythonLiteral(text: string): PythonValue | undefined {
  const reader = { text: text.trim(), at: 0 }
  const value = readValue(reader)
  return value !== undefined && reader.at === reader.text.length ? value : undefined
}

interface Reader {
  readonly text: string
  at: number
}

function readValue(reader: Reader): PythonValue | undefined {
  skipSpace(reader)
  const rest = reader.text.slice(reader.at)
  const word = /^(None|True|False)\b/.exec(rest)
  if (word !== null) {
    reader.at += word[0].length
    return word[1] === 'None' ? null : word[1] === 'True'
  }
  const number = /^-?\d+(\.\d+)?/.exec(rest)
  if (number !== null) {
    reader.at += number[0].length
    return Number(number[0])
  }
  const string = /^([uUbB]?[rR]?)(['"])/.exec(rest)
  if (string !== null) return readString(reader, string[1] ?? '', string[2] ?? "'")
  if (rest.startsWith('(') || rest.startsWith('[')) return readSequence(reader, rest.startsWith('(') ? ')' : ']')
  return undefined
}

function readString(reader: Reader, prefix: string, quote: string): string | undefined {
  reader.at += prefix.length + 1
  const raw = /r/i.test(prefix)
  let value = ''
  while (reader.at < reader.text.length) {
    const c = reader.text.charAt(reader.at)
    if (c === quote) {
      reader.at++
      return value
    }
    if (c === '\\' && !raw) {
      const next = reader.text.charAt(reader.at + 1)
      const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0
      if (hex > 0) {
        value += String.fromCodePoint(parseInt(reader.text.slice(reader.at + 2, reader.at + 2 + hex), 16))
        reader.at += 2 + hex
      } else {
        value += ESCAPES[next] ?? `\\${next}`
        reader.at += 2
      }
      continue
    }
    value += c
    reader.at++
  }
  return undefined
}

function readSequence(reader: Reader, close: string): PythonValue[] | undefined {
  reader.at++
  const values: PythonValue[] = []
  for (;;) {
    skipSpace(reader)
    if (reader.text.charAt(reader.at) === close) {
      reader.at++
      return values
    }
    const value = readValue(reader)
    if (value === undefined) return undefined
    values.push(value)
    skipSpace(reader)
    if (reader.text.charAt(reader.at) === ',') reader.at++
  }
}

function skipSpace(reader: Reader): void {
  while (/\s/.test(reader.text.charAt(reader.at))) reader.at++
}

/** Splits a Python boolean expression on its top-level ` and `, leaving string literals whole. */
export function splitConditions(expression: string): string[] {
  const parts: string[] = []
  let quote = ''
  let depth = 0
  let start = 0
  for (let i = 0; i < expression.length; i++) {
    const c = expression.charAt(i)
    if (quote !== '') {
      if (c === '\\') i++
      else if (c === quote) quote = ''
    } else if (c === "'" || c === '"') {
      quote = c
    } else if (c === '(' || c === '[') {
      depth++
    } else if (c === ')' || c === ']') {
      depth--
    } else if (depth === 0 && expression.startsWith(' and ', i)) {
      parts.push(expression.slice(start, i).trim())
      start = i + 5
      i += 4
    }
  }
  parts.push(expression.slice(start).trim())
  return parts.filter((part) => part !== '')
}
