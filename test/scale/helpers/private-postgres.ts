import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Where Debian puts the PostgreSQL 15 server programs; PG_BIN overrides it. */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** A throwaway PostgreSQL server in a temporary folder, which a test may restart at will. */
export interface PrivatePostgres {
  /** Connection string of its `postgres` database. */
  readonly url: string
  /** `pg_ctl restart -m fast`: ends every session, waits until the server accepts connections again. */
  restart(): Promise<void>
  /** Stops the server at once and removes its folder. */
  destroy(): Promise<void>
}

/**
 * Starts a PostgreSQL server (initdb, then pg_ctl start) on a free port of 127.0.0.1, with fsync off.
 * The server refuses to run as root, so as root the programs run as the `postgres` user (runuser).
 * Throws if initdb or start fails, with the server log.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tributary-pg-'))
  const dataDir = path.join(root, 'data')
  const logFile = path.join(root, 'server.log')
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres'])
    const { stdout: gid } = await run('id', ['-g', 'postgres'])
    await fs.chown(root, Number(stdout.trim()), Number(gid.trim()))
  }
  const pg = (program: string, args: readonly string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, program), ...args]) : run(path.join(PG_BIN, program), [...args])
  const port = await freePort()
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  const withLog = async <T>(step: Promise<T>): Promise<T> => {
    try {
      return await step
    } catch (err: unknown) {
      const log = await fs.readFile(logFile, 'utf8').catch(() => '')
      throw new Error(`private postgres: ${err instanceof Error ? err.message : String(err)}\n${log.slice(-4000)}`, { cause: err })
    }
  }
  const started = async (): Promise<void> => {
    await withLog(pg('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '--locale=C', '-E', 'UTF8']))
    await withLog(pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']))
  }
  try {
    await started()
  } catch (err: unknown) {
    await pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined)
    await fs.rm(root, { recursive: true, force: true })
    throw err
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      // pg_ctl restart reuses the options the server was started with (postmaster.opts).
      await withLog(pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-m', 'fast', '-w', '-t', '60', 'restart']))
    },
    async destroy() {
      await pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined)
      await fs.rm(root, { recursive: true, force: true })
    },
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}
