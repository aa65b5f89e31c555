import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Check } from './checks.js'

const FILE = fileURLToPath(new URL('DISAGREEMENTS.md', import.meta.url))

/** The checks we deliberately disagree with, read from the table in DISAGREEMENTS.md. */
export interface Disagreements {
  /** Returns true when the check on `file` from `source` is listed (item `*` lists every item). */
  has(source: string, file: string, check: Check): boolean
  /** Returns the rows no check has matched so far (stale entries, after a full run). */
  unused(): string[]
}

interface Row {
  readonly line: string
  readonly source: string
  readonly file: RegExp
  readonly item: string
  readonly field: string
}

// Table rows: | source | file | item | field | reason |; the file may hold `*` (any characters),
// the item is a number, `feed` or `*`.
/** Returns the disagreements listed in test/conformance/DISAGREEMENTS.md. */
export function loadDisagreements(): Disagreements {
  const rows: Row[] = []
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''))
    if (cells.length < 7 || cells[1] === 'source' || /^-+$/.test(cells[1] ?? '')) continue
    const [, source = '', file = '', item = '', field = ''] = cells
    const pattern = file.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')
    rows.push({ line: `${source} ${file} ${item} ${field}`, source, file: new RegExp(`^${pattern}$`), item, field })
  }
  const used = new Set<Row>()
  return {
    has: (source, file, check) => {
      const item = check.item === null ? 'feed' : String(check.item)
      const row = rows.find((r) => r.source === source && r.field === check.field && (r.item === '*' || r.item === item) && r.file.test(file))
      if (row !== undefined) used.add(row)
      return row !== undefined
    },
    unused: () => rows.filter((row) => !used.has(row)).map((row) => row.line),
  }
}
