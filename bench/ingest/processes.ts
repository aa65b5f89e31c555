import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** How a measured child process ended and what it used. */
export interface ProcessRun {
  readonly pid: number
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly wallMs: number
  /** Peak resident set (VmHWM), MB; 0 if the process ended before the first sample. */
  readonly peakRssMb: number
  /** User + system CPU time, ms, as of the last sample (so up to one poll interval short). */
  readonly cpuMs: number
  readonly stdout: string
  readonly stderr: string
}

/** Every child still running, so that an error or a signal never leaves one behind. */
const live = new Set<ChildProcess>()

const RSS_POLL_MS = 50

/**
 * Runs a command to completion while sampling /proc/<pid>/status VmHWM. VmHWM is a high-water mark
 * of the exec'd image, so the last sample is the peak (up to the final poll interval). Never throws
 * for a non-zero exit; the caller checks `code`.
 */
export function runMeasured(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    live.add(child)
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    let peakKb = 0
    let cpuMs = 0
    const sample = (): void => {
      if (child.pid === undefined) return
      peakKb = readHighWaterKb(child.pid) ?? peakKb
      cpuMs = readCpuMs(child.pid) ?? cpuMs
    }
    const timer = setInterval(sample, RSS_POLL_MS)
    sample()
    child.on('error', (err) => {
      clearInterval(timer)
      live.delete(child)
      reject(err)
    })
    // 'close' waits for the output streams too; the exit status comes with it.
    child.on('close', (code, signal) => {
      clearInterval(timer)
      live.delete(child)
      resolve({
        pid: child.pid ?? 0,
        code,
        signal,
        wallMs: performance.now() - started,
        peakRssMb: peakKb / 1024,
        cpuMs,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      })
    })
  })
}

/** Starts a long-running child (the feed server) and waits for `ready` to match its stdout; throws if it exits first. */
export function startService(command: string, args: readonly string[], ready: RegExp, options: { cwd: string }): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    live.add(child)
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      if (ready.test(output)) {
        child.stdout.off('data', onData)
        child.stdout.resume()
        resolve(child)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      live.delete(child)
      reject(new Error(`bench: ${command} ${args.join(' ')} exited (${code ?? signal}) before it was ready:\n${output}`))
    })
  })
}

/** Stops a child started here with SIGTERM and waits for it to exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  await exited
  live.delete(child)
}

/** Kills every child this process started that still runs (synchronous: safe in an 'exit' handler). */
export function killLiveProcesses(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  }
  live.clear()
}

/**
 * Makes sure no child outlives the benchmark: on exit, and on SIGINT/SIGTERM (which then exit
 * with 128 + signal number).
 */
export function installCleanup(): void {
  process.on('exit', killLiveProcesses)
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]] as const) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping child processes\n`)
      killLiveProcesses()
      process.exit(128 + number)
    })
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100

/** User + system CPU time of a process so far, ms; null once it is gone. */
export function readCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : null
  } catch {
    return null
  }
}

function readHighWaterKb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match?.[1] === undefined ? null : Number(match[1])
  } catch {
    // Gone between two samples (or a zombie without an address space): keep the last value.
    return null
  }
}

/**
 * Takes `dir`/run.lock for this process (released on exit): two runs at once would regenerate the
 * same workload dir and recreate the same databases under each other. A lock left by a dead process
 * is taken over. Throws if a live process holds it.
 */
export function lockRunDir(dir: string): void {
  const lockFile = path.join(dir, 'run.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      process.on('exit', () => rmSync(lockFile, { force: true }))
      return
    } catch (err: unknown) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const holder = Number(readFileSync(lockFile, 'utf8'))
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      throw new Error(`bench: another bench:ingest (pid ${holder}) is running in ${dir}; wait for it or stop it`)
    }
    rmSync(lockFile, { force: true })
  }
  throw new Error(`bench: could not lock ${dir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err: unknown) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
