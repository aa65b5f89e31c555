import type { Command } from 'commander'
import { InputError } from '../errors.js'
import { parseIsoTime } from '../input/index.js'
import { withContext } from './context.js'
import { printJson, printLine } from './output.js'

/** Registers `tributary items`. */
export function registerItemCommands(program: Command): void {
  program
    .command('items')
    .description('query stored items, newest first')
    .option('--q <text>', 'full-text search (web search syntax: "phrase", -exclude, or)')
    .option('--feed <id>', 'only this feed', parseId)
    .option('--collection <name>', 'only this collection')
    .option('--author <text>', 'only items whose author contains this')
    .option('--category <name>', 'only items with this category')
    .option('--sort <order>', 'newest (default) or rank (relevance to --q)', parseSort, 'newest')
    .option('--per-story', 'one item per story instead of every copy')
    .option('--since <iso>', 'published at or after this time', (value: string) => parseIsoTime('--since', value))
    .option('--until <iso>', 'published before this time', (value: string) => parseIsoTime('--until', value))
    .option('--limit <n>', 'at most this many (1-500)', parseLimit, 50)
    .option('--cursor <cursor>', 'continue after a previous page (its next_cursor)')
    .option('--json', 'print JSON')
    .action(async (options: {
      q?: string; feed?: number; collection?: string; author?: string; category?: string; since?: Date; until?: Date
      sort: 'newest' | 'rank'; perStory?: boolean; limit: number; cursor?: string; json?: boolean
    }) => {
      await withContext('items', {}, async ({ database }) => {
        // Imported when the command runs, so registering it loads neither.
        const [{ queryItems }, { itemToJson }] = await Promise.all([import('../store/index.js'), import('../present/index.js')])
        const { json, feed, ...rest } = options
        const page = await queryItems(database.db, { ...rest, ...(feed !== undefined && { feedId: feed }) })
        if (json) return printJson({ items: page.items.map(itemToJson), next_cursor: page.nextCursor })
        for (const item of page.items) printLine(`${item.publishedAt.toISOString()}\t${item.feedId}\t${item.title}\t${item.url ?? ''}`)
        if (page.nextCursor !== null) printLine(`next page: --cursor ${page.nextCursor}`)
      })
    })
}

function parseSort(value: string): 'newest' | 'rank' {
  if (value !== 'newest' && value !== 'rank') throw new InputError(`--sort: expected newest or rank, got "${value}"`)
  return value
}

function parseId(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InputError(`--feed: expected a feed id, got "${value}"`)
  return Number(value)
}

function parseLimit(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 1 || n > 500) throw new InputError(`--limit: expected 1-500, got "${value}"`)
  return n
}
