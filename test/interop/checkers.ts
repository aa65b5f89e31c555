import { spawn } from 'node:child_process'
import { access } from 'node:fs/promises'
import path from 'node:path'
import { sharedPath } from '../helpers/shared-data.js'

/** The repository root. The shared corpus and checkers come from TRIBUTARY_SHARED_DIR (CI: ../shared). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..')
/** The shared feed corpus (MANIFEST.md), used by path and never copied into the repository. */
export const CORPUS_DIR = sharedPath('corpus')
const VALIDATE_DIR = sharedPath('validate')

const INSTALL_HINT = 'install them with `apt-get install -y python3-feedparser newsboat sqlite3` (.ci/run does this)'
// newsboat_check.sh gives newsboat itself 120 s; a checker that outlives this is stuck, not slow.
const CHECKER_TIMEOUT_MS = 150_000

/** How one checker run ended, with everything it printed. */
export interface CheckerRun {
  readonly command: string
  /** Exit code, or null when it was killed (timeout or signal). */
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Returns the run as text for an assertion message: the command, its exit code and its whole output. */
export function describeRun(run: CheckerRun): string {
  return [`$ ${run.command}`, `exit ${run.code ?? 'killed'}`, run.stdout.trimEnd(), run.stderr.trimEnd()].filter((part) => part !== '').join('\n')
}

/** Runs a command without a shell and collects its output; resolves on exit, never rejects for a failing command. */
export function runCommand(file: string, args: readonly string[], timeoutMs = CHECKER_TIMEOUT_MS): Promise<CheckerRun> {
  const command = [file, ...args].join(' ')
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.on('error', (err) => resolve({ command, code: null, stdout, stderr: `${stderr}${err.message}\n` }))
    child.on('close', (code) => resolve({ command, code, stdout, stderr }))
  })
}

/** Universal Feed Parser (Debian python3-feedparser) on an RSS or Atom document; exit 0 = not bozo, no problems. */
export function feedparserCheck(url: string): Promise<CheckerRun> {
  return runCommand('/usr/bin/python3', [path.join(VALIDATE_DIR, 'feedparser_check.py'), url])
}

/** newsboat, run headless on an RSS or Atom document; exit 0 = stored exactly `expectedItems` sound items. */
export function newsboatCheck(url: string, expectedItems: number): Promise<CheckerRun> {
  return runCommand('bash', [path.join(VALIDATE_DIR, 'newsboat_check.sh'), url, String(expectedItems)])
}

/** The JSON Feed 1.1 spec checker on a JSON document; exit 0 = no errors. */
export function jsonfeedCheck(url: string): Promise<CheckerRun> {
  return runCommand('python3', [path.join(VALIDATE_DIR, 'jsonfeed_check.py'), url])
}

/** What feedparser_check.py prints on stdout (the fields the tests read). */
export interface FeedparserReport {
  readonly version: string
  readonly bozo: boolean
  readonly entry_count: number
  readonly entries: readonly { readonly id: string | null; readonly title: string | null; readonly published: string | null; readonly updated: string | null }[]
  readonly problems: readonly string[]
}

/** Returns feedparser_check.py's JSON report, or null when it printed none (a usage or setup error). */
export function feedparserReport(run: CheckerRun): FeedparserReport | null {
  try {
    return JSON.parse(run.stdout) as FeedparserReport
  } catch {
    return null
  }
}

let toolsChecked: Promise<void> | undefined

/**
 * Resolves when every checker and what it needs is present; otherwise throws one error naming each
 * missing piece and the packages to install. These tests never skip: CI installs the tools.
 */
export function assertCheckersInstalled(): Promise<void> {
  toolsChecked ??= findMissingTools().then((missing) => {
    if (missing.length > 0) throw new Error(`interop: missing ${missing.join('; ')}; ${INSTALL_HINT}`)
  })
  return toolsChecked
}

async function findMissingTools(): Promise<string[]> {
  const probes: [string, Promise<CheckerRun>][] = [
    ['python3-feedparser (`/usr/bin/python3 -c "import feedparser"` failed)', runCommand('/usr/bin/python3', ['-c', 'import feedparser'], 30_000)],
    ['newsboat (not on PATH)', runCommand('bash', ['-c', 'command -v newsboat'], 30_000)],
    ['sqlite3 (not on PATH; newsboat_check.sh reads the cache with it)', runCommand('bash', ['-c', 'command -v sqlite3'], 30_000)],
    ['python3 (not on PATH; jsonfeed_check.py needs it)', runCommand('python3', ['--version'], 30_000)],
  ]
  const missing: string[] = []
  for (const script of ['feedparser_check.py', 'newsboat_check.sh', 'jsonfeed_check.py']) {
    await access(path.join(VALIDATE_DIR, script)).catch(() => missing.push(`${path.join(VALIDATE_DIR, script)} (the shared checkers)`))
  }
  for (const [what, probe] of probes) {
    if ((await probe).code !== 0) missing.push(what)
  }
  return missing
}

/** Runs `task` over `inputs` with at most `limit` at once (the checkers are processes); results in input order. */
export async function mapLimited<T, R>(inputs: readonly T[], limit: number, task: (input: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(inputs.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++
      results[index] = await task(inputs[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker))
  return results
}
