import type { Command } from 'commander'
import { withContext } from './context.js'
import { printLine } from './output.js'

/** Registers `tributary migrate`: opening the database applies pending migrations. */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      await withContext('migrate', { defaultLogLevel: 'info' }, async ({ database }) => {
        printLine(`database schema is current (${database.kind})`)
      })
    })
}
