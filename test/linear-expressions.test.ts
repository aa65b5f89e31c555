import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { checkSync } from 'recheck'
import type { Diagnostics } from 'recheck'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

// Issue 12: no regular expression over untrusted input may backtrack super-linearly. recheck
// decides an expression's complexity by automaton analysis, or else by fuzzing that counts the
// steps of a backtracking matcher; its fuzzing time limits are off, so the verdict depends on step
// counts only, never on how busy the machine is. `timeout` only ends an analysis that never would.
const RECHECK_PARAMETERS = { timeout: 120_000, attackTimeout: null, incubationTimeout: null, seedingTimeout: null }
const SRC = fileURLToPath(new URL('../src/', import.meta.url))
// Configuration comes from our own environment and flags, not from the network.
const TRUSTED_FOLDER = 'config/'

interface Expression {
  /** `file:line` under src/. */
  readonly where: string
  /** The constant it initializes, if any. */
  readonly name: string | null
  readonly source: string
  readonly flags: string
}

const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.startsWith(TRUSTED_FOLDER))
  .sort()
const scanned = files.map(scanSource)
const literals = scanned.flatMap((file) => file.literals)
const constructionSites = scanned.flatMap((file) => file.constructionSites)
// Every module that builds an expression with RegExp(), imported while a recording RegExp stands in
// for the global one (no other import of src/ comes first in this file).
const constructed = await recordConstructions(files.filter((_, i) => (scanned[i]?.constructionSites.length ?? 0) > 0))
const verdicts = new Map<string, Diagnostics>()

function scanSource(file: string): { literals: Expression[]; constructionSites: string[] } {
  const source = ts.createSourceFile(file, readFileSync(SRC + file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: Expression[] = []
  const constructionSites: string[] = []
  const visit = (node: ts.Node): void => {
    const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`
    if (ts.isRegularExpressionLiteral(node)) {
      const end = node.text.lastIndexOf('/')
      const name = ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : null
      found.push({ where, name, source: node.text.slice(1, end), flags: node.text.slice(end + 1) })
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      constructionSites.push(where)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { literals: found, constructionSites }
}

async function recordConstructions(modules: readonly string[]): Promise<Expression[]> {
  const recorded: Expression[] = []
  const original = globalThis.RegExp
  const record = (expression: RegExp): RegExp => {
    // The first frame below this file is the caller of RegExp(); only callers in src/ count.
    const caller = new Error().stack?.split('\n').slice(1).find((frame) => !frame.includes('linear-expressions.test'))
    const at = caller?.indexOf(SRC) ?? -1
    const location = caller === undefined || at < 0 ? null : /^([^:]+\.ts):(\d+):\d+/.exec(caller.slice(at + SRC.length))
    if (location !== null && !location[1]?.startsWith(TRUSTED_FOLDER)) recorded.push({ where: `${location[1]}:${location[2]}`, name: null, source: expression.source, flags: expression.flags })
    return expression
  }
  globalThis.RegExp = new Proxy(original, {
    construct: (target, args, newTarget) => record(Reflect.construct(target, args, newTarget) as RegExp),
    apply: (target, self, args) => record(Reflect.apply(target, self, args) as RegExp),
  })
  try {
    for (const module of modules) await import(/* @vite-ignore */ SRC + module)
  } finally {
    globalThis.RegExp = original
  }
  return recorded
}

function verdictOf(expression: Expression): Diagnostics {
  const key = `/${expression.source}/${expression.flags}`
  let verdict = verdicts.get(key)
  if (verdict === undefined) {
    verdict = checkSync(expression.source, expression.flags, RECHECK_PARAMETERS)
    verdicts.set(key, verdict)
  }
  return verdict
}

// recheck's safe complexities are `constant`, `linear`, and `safe` (its automaton found no ambiguity).
function problemWith(expression: Expression): string | null {
  const verdict = verdictOf(expression)
  if (verdict.status === 'safe') return null
  const detail = verdict.status === 'vulnerable' ? verdict.complexity.summary : verdict.error.kind
  return `${expression.where} /${expression.source}/${expression.flags}: ${verdict.status} (${detail})`
}

function literalNamed(file: string, name: string): Expression {
  const expression = literals.find((literal) => literal.where.startsWith(`${file}:`) && literal.name === name)
  if (expression === undefined) throw new Error(`no expression ${name} in src/${file}`)
  return expression
}

describe('regular expressions over untrusted input', () => {
  test('are found: literals in every file, and every RegExp() built once, when its module loads', () => {
    expect(literals.length).toBeGreaterThan(100)
    // A site built only when called (from a document's content, say) would go unchecked here.
    expect(constructionSites.filter((site) => !constructed.some((expression) => expression.where === site))).toEqual([])
  })

  test('each backtracks at most linearly, by recheck', { timeout: 300_000 }, () => {
    expect([...literals, ...constructed].map(problemWith).filter((problem) => problem !== null)).toEqual([])
  })
})

const { decodeText } = await import('../src/parse/decode-text.js')
const { parseFeed } = await import('../src/parse/parse-feed.js')
const { repairXml } = await import('../src/parse/repair-xml.js')
const { rootAttributes, scanProlog } = await import('../src/parse/scan-prolog.js')
const { textBlocks } = await import('../src/dedupe/text-blocks.js')
const { normalizeTitle } = await import('../src/dedupe/normalize-title.js')

const RSS = '<rss version="2.0"><channel><title>Hostile</title></channel></rss>'

interface HostileShape {
  readonly name: string
  /** The expressions the input meets, by file and constant. */
  readonly expressions: readonly (readonly [string, string])[]
  /** The sizes n and 8n. */
  readonly size: number
  /** What reading an input of size n gives, and what it must give. */
  readonly read: (n: number) => Promise<unknown>
  readonly expected: (n: number) => unknown
}

// Each hostile input at size n and 8n: the expressions it meets are linear, and the hand scanners
// give exactly the result of the expressions they replace (which took exponential or quadratic time).
const HOSTILE_SHAPES: readonly HostileShape[] = [
  {
    name: 'empty comments before the root, served as application/xml without a charset',
    expressions: [['parse/decode-text.ts', 'HTML_START']],
    size: 60,
    read: async (n) => {
      const head = '<!---->'.repeat(n)
      const feed = await parseFeed(Buffer.from(head + RSS), { url: 'https://hostile.example/feed', contentType: 'application/xml' })
      // The same comments before an HTML page: its <meta> charset counts if in the first 1024 bytes.
      const page = Buffer.from(`${head}<html><meta charset="koi8-r">\xe1`, 'latin1')
      return [feed.title, decodeText(page, 'application/xml').endsWith('\u0410')]
    },
    expected: (n) => ['Hostile', 7 * n + 29 < 1024],
  },
  {
    name: 'an entity declaration without its `>` inside a DOCTYPE',
    expressions: [['parse/repair-xml.ts', 'ENTITY_START'], ['parse/repair-xml.ts', 'TAG_BOUNDARY']],
    size: 20_000,
    read: async (n) => [' '.repeat(n), `"${'x'.repeat(n)}" `, `SYSTEM ${'x '.repeat(n)}`].map((value) =>
      repairXml(`<!DOCTYPE rss [<!ENTITY a ${value}<!ENTITY b "B">]><rss>&a;&b;</rss>`)),
    expected: () => ['<rss>&a;B</rss>', '<rss>&a;B</rss>', '<rss>&a;B</rss>'],
  },
  {
    name: 'a root start tag with long attribute text',
    expressions: [['parse/scan-prolog.ts', 'ATTRIBUTE']],
    size: 2_000,
    read: async (n) => ['x'.repeat(3 * n), 'x= '.repeat(n), `a="${'x'.repeat(n)}`].map((filler) => {
      const text = `<rss version="2.0" ${filler} last="1">`
      return { ...rootAttributes(text, scanProlog(text)) }
    }),
    // In the last, the open quote takes ` last=` into the value of `a`.
    expected: (n) => [{ version: '2.0', last: '1' }, { version: '2.0', last: '1' }, { version: '2.0', a: `${'x'.repeat(n)} last=` }],
  },
  {
    name: 'unclosed non-prose elements, comments and block tags in an article',
    expressions: [['dedupe/text-blocks.ts', 'COMMENT'], ['dedupe/text-blocks.ts', 'ANY_TAG']],
    size: 5_000,
    read: async (n) => [textBlocks(`${'<script>'.repeat(n)}text`), textBlocks(`${'<!--'.repeat(n)}text`), textBlocks(`${'<p '.repeat(n)}text`)],
    expected: (n) => [['text'], [`${'<!--'.repeat(n)}text`], [`${'<p '.repeat(n)}text`]],
  },
  {
    name: 'a title of many kicker separators before a line break',
    expressions: [['dedupe/normalize-title.ts', 'PIPE_SUFFIX']],
    size: 5_000,
    read: async (n) => normalizeTitle(`${'a: '.repeat(n)}\nb | c`),
    expected: (n) => `${'a '.repeat(n)}b c`,
  },
]

describe('hostile shapes (issue 12): exact results at n and 8n, read only by expressions recheck proves linear', () => {
  test.each(HOSTILE_SHAPES)('$name', { timeout: 120_000 }, async ({ expressions, size, read, expected }) => {
    expect(expressions.map(([file, name]) => problemWith(literalNamed(file, name)))).toEqual(expressions.map(() => null))
    for (const n of [size, 8 * size]) expect(await read(n)).toEqual(expected(n))
  })
})
