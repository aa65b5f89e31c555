import fs from 'node:fs/promises'
import type { Command } from 'commander'
import { InputError } from '../errors.js'
import { withContext } from './context.js'
import { printLine } from './output.js'
import { Progress } from './progress.js'

/** Registers `tributary import <file.opml>` and `tributary export`. */
export function registerImportExportCommands(program: Command): void {
  program
    .command('import <file>')
    .description('subscribe every feed of an OPML file; its folders become collections')
    .action(async (file: string) => {
      const xml = await readUserFile(file)
      await withContext('import', {}, async ({ database }) => {
        // Imported when the command runs, so registering it loads neither the OPML reader nor the store.
        const [{ importOpml }, { redactUrl }] = await Promise.all([import('./import-opml.js'), import('../fetch/index.js')])
        const progress = new Progress()
        const summary = await importOpml(database.db, xml, (done, total) => progress.update(`imported ${done}/${total} outlines`))
        progress.done()
        for (const skipped of summary.skipped) printLine(`skipped ${redactUrl(skipped.url)}: ${skipped.reason}`)
        printLine(`imported ${summary.feeds} feeds (${summary.created} new) into ${summary.collections.length} collections${
          summary.collections.length > 0 ? `: ${summary.collections.join(', ')}` : ''}`)
      })
    })

  program
    .command('export')
    .description('print the subscriptions as OPML, without the credentials of feed URLs unless asked')
    .option('--collection <name>', 'only the feeds of this collection')
    .option('--with-credentials', 'keep the user and password of feed URLs that have them (a backup to import again)')
    .action(async (options: { collection?: string; withCredentials?: boolean }) => {
      await withContext('export', {}, async ({ database }) => {
        const { exportOpml } = await import('../present/index.js')
        process.stdout.write(await exportOpml(database.db, { ...options, now: new Date() }))
      })
    })
}

/** Reads and decodes (BOM, XML declaration) a file named on the command line; a missing or unreadable file is a usage error. */
export async function readUserFile(file: string): Promise<string> {
  try {
    const [bytes, { decodeText }] = await Promise.all([fs.readFile(file), import('../parse/index.js')])
    return decodeText(bytes, null)
  } catch (err: unknown) {
    throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err })
  }
}
