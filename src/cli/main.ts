import { Command, CommanderError } from 'commander'
import { AppError, coerceError } from '../errors.js'
import { assertStorableText, findUnstorableInput } from '../input/index.js'
import { registerCollectionCommands } from './collections.js'
import { registerFeedCommands } from './feeds.js'
import { registerFetchCommand } from './fetch.js'
import { registerImportExportCommands } from './import-export.js'
import { registerItemCommands } from './items.js'
import { registerMigrateCommand } from './migrate.js'
import { printError } from './output.js'
import { registerPruneCommand } from './prune.js'
import { registerPublishCommands } from './publish.js'
import { registerServeCommands } from './serve.js'

/** Exit codes (SPEC): 0 success, 1 runtime failure, 2 usage or configuration error. */
const EXIT_RUNTIME = 1
const EXIT_USAGE = 2
/** Errors caused by what the user typed or named: a usage error, not a runtime failure. */
const USAGE_CODES = new Set(['bad_request', 'not_found', 'conflict', 'opml_invalid', 'config_invalid'])

/**
 * Builds the `tributary` command tree. Registering a command loads only its options and help: each
 * action imports what it runs (database, fetcher, server…) when it runs, so a process pays for the
 * one command it was started for (issue 13: CLI start).
 */
export function buildProgram(): Command {
  const program = new Command('tributary')
    .description('Feed aggregator: pulls RSS, Atom and JSON feeds, merges them into deduplicated collections, republishes them')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
  registerServeCommands(program)
  registerMigrateCommand(program)
  registerFeedCommands(program)
  registerCollectionCommands(program)
  registerFetchCommand(program)
  registerItemCommands(program)
  registerImportExportCommands(program)
  registerPublishCommands(program)
  registerPruneCommand(program)
  overrideExits(program)
  return program
}

/** Makes every subcommand throw instead of exiting, so usage errors reach main()'s exit-code mapping. */
function overrideExits(command: Command): void {
  for (const sub of command.commands) {
    sub.exitOverride().showHelpAfterError()
    overrideExits(sub)
  }
}

/** Runs the CLI with `argv` and sets the process exit code; never throws. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await assertStorableArgs(argv)
    await buildProgram().parseAsync([...argv], { from: 'user' })
  } catch (thrown: unknown) {
    process.exitCode = exitCodeFor(thrown)
  }
}

/**
 * Throws InputError (exit 2) for an argument PostgreSQL could not store, naming the flag it belongs
 * to: one check for every flag and name that reaches SQL. An exec'd argv holds neither a NUL nor an
 * unpaired surrogate, but main() is also called in-process with any strings.
 */
async function assertStorableArgs(argv: readonly string[]): Promise<void> {
  for (const [i, arg] of argv.entries()) {
    if (findUnstorableInput(arg) === null) continue
    const { redactUrl } = await import('../fetch/index.js')
    const previous = argv[i - 1]
    const name = /^(--?[\w-]+)=/.exec(arg)?.[1] ?? (previous?.startsWith('-') ? previous : `argument "${redactUrl(arg).replace(/[^\x20-\x7e]/g, '?')}"`)
    assertStorableText(name, arg)
  }
}

function exitCodeFor(thrown: unknown): number {
  if (thrown instanceof CommanderError) {
    // Commander already printed the usage problem (or the help/version it was asked for).
    return thrown.exitCode === 0 ? 0 : EXIT_USAGE
  }
  const err = coerceError(thrown)
  // A ConfigError is an AppError with code config_invalid: matched by code, so that main() need not load config/.
  if (err instanceof AppError && USAGE_CODES.has(err.code)) {
    printError(err.message)
    return EXIT_USAGE
  }
  // Expected failures (locked data dir, unknown feed, unreachable database) get their one-line message.
  if (err instanceof AppError) {
    printError(err.message)
    return EXIT_RUNTIME
  }
  printError(`unexpected error: ${err.stack ?? err.message}`)
  return EXIT_RUNTIME
}
