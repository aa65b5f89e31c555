/** Writes one line of command output to stdout. */
export function printLine(line: string): void {
  process.stdout.write(`${line}\n`)
}

/** Writes one JSON document to stdout (`--json` output). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** Writes a message for the user to stderr, prefixed with the program name. */
export function printError(message: string): void {
  process.stderr.write(`tributary: ${message}\n`)
}
