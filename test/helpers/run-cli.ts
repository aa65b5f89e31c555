import { spawn } from 'node:child_process'
import path from 'node:path'

/** The built binary (npm test builds first): CLI tests run it as a user would. */
export const BIN = path.resolve(import.meta.dirname, '../../bin/tributary.js')

/** How one run of the CLI ended. */
export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `tributary ARGS` with only PATH and `env` in its environment, and collects its output. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
