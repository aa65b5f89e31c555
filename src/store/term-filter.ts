import { sql, type RawBuilder, type SqlBool } from 'kysely'

/**
 * SQL condition on the items row aliased `alias`: contains at least one include term (when any) and
 * no exclude term, as whole words, case-insensitively, in the title or content. Terms are matched literally.
 */
export function termFilter(include: readonly string[], exclude: readonly string[], alias = 'i'): RawBuilder<SqlBool> | null {
  const column = (name: string) => sql.ref(`${alias}.${name}`)
  const text = sql`(${column('title')} || ' ' || coalesce(${column('summary')}, '') || ' ' || coalesce(${column('content_html')}, ''))`
  const parts: RawBuilder<SqlBool>[] = []
  if (include.length > 0) parts.push(sql<SqlBool>`${text} ~* ${wordsPattern(include)}`)
  if (exclude.length > 0) parts.push(sql<SqlBool>`not (${text} ~* ${wordsPattern(exclude)})`)
  if (parts.length === 0) return null
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`
}

/** PostgreSQL ARE: `\m` and `\M` anchor at word starts and ends; every term is escaped, whitespace runs match any whitespace. */
function wordsPattern(terms: readonly string[]): string {
  const alternatives = terms.map((term) =>
    term.trim().split(/\s+/).map((word) => word.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('\\s+'),
  )
  return `\\m(${alternatives.join('|')})\\M`
}
