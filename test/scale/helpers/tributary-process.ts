import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

// The scale tests run the built binary (npm test builds first), several at once, as an operator would.
const BIN = path.resolve(import.meta.dirname, '../../../bin/tributary.js')

/** How a finished process ended and what it wrote. */
export interface Exit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** A running `tributary` process. */
export interface TributaryProcess {
  readonly child: ChildProcess
  /** What it wrote so far. */
  output(): { stdout: string; stderr: string }
  /** Settles when the process has exited and its output is closed. */
  readonly exited: Promise<Exit>
}

/** Starts `tributary ARGS` with only PATH and `env` in its environment. */
export function spawnTributary(args: readonly string[], env: Readonly<Record<string, string>>): TributaryProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, output: () => ({ stdout, stderr }), exited }
}

/** Runs `tributary ARGS` to the end. */
export function runTributary(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Exit> {
  return spawnTributary(args, env).exited
}

/** Sends SIGKILL to a process that is still running (cleanup after a failed test). */
export function killIfRunning(process: TributaryProcess | undefined): void {
  if (process !== undefined && process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL')
}

/** The feed count a `worker --drain` printed (`fetched N feeds: X ok, Y failed`); throws on any other output. */
export function drainSummary(exit: Exit): { fetched: number; ok: number; failed: number } {
  const match = /^fetched (\d+) feeds: (\d+) ok, (\d+) failed\n$/.exec(exit.stdout)
  if (exit.code !== 0 || match === null) {
    throw new Error(`worker --drain: exit ${exit.code ?? exit.signal}, stdout ${JSON.stringify(exit.stdout)}, stderr ${exit.stderr.slice(-2000)}`)
  }
  return { fetched: Number(match[1]), ok: Number(match[2]), failed: Number(match[3]) }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `ready` every `intervalMs` until it resolves true; throws after `timeoutMs`, naming `what`. */
export async function waitUntil(ready: () => Promise<boolean>, what: string, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await ready()) return
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`)
    await sleep(intervalMs)
  }
}
