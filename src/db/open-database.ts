import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Logger } from '../log/index.js'
import { acquireDataDirLock } from './data-dir-lock.js'
import type { Database } from './schema.js'

/** Which engine sits behind the kysely instance; only db/ and the worker mode care. */
export type DatabaseKind = 'postgres' | 'pglite'

/** An open database and how to close everything it holds (pool, PGlite, data-dir lock). */
export interface DatabaseHandle {
  readonly db: Kysely<Database>
  readonly kind: DatabaseKind
  /** Connections of the pool right now, for metrics. */
  poolState(): { total: number; idle: number; waiting: number }
  close(): Promise<void>
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, else the embedded PGlite in `dataDir` (locked for this
 * process). Throws DataDirLockedError if another live process holds the dir.
 */
export async function openDatabase(
  options: { databaseUrl: string | null; dataDir: string; command: string },
  log: Logger,
): Promise<DatabaseHandle> {
  if (options.databaseUrl !== null) return openPostgres(options.databaseUrl, log)
  const lock = acquireDataDirLock(options.dataDir, options.command)
  try {
    // Imported here, so that a process on PostgreSQL never loads the embedded engine.
    const { PGlite } = await import('@electric-sql/pglite')
    const pglite = new PGlite({ dataDir: path.join(options.dataDir, 'pgdata') })
    await pglite.waitReady
    const pool = pgPoolOverPglite(pglite)
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return {
      db,
      kind: 'pglite',
      poolState: () => poolState(pool),
      async close() {
        await db.destroy()
        await pglite.close()
        lock.release()
      },
    }
  } catch (err: unknown) {
    lock.release()
    throw err
  }
}

/** Opens a pooled connection to a PostgreSQL server. */
export function openPostgres(databaseUrl: string, log: Logger): DatabaseHandle {
  // JIT compiling pays off for long analytic queries; ours are short, and a misestimated one spent
  // 280 ms compiling to run in 1 ms.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c jit=off' })
  // An idle client losing its server (restart, network) emits here; unhandled it would crash the process.
  pool.on('error', (err) => log.error({ err: { message: err.message } }, 'idle database connection failed'))
  // A connection in use (between two statements of a transaction) that the server ends emits on the
  // client, where pg-pool listens only while it is idle; unhandled it would crash the process. The
  // transaction then fails, and the pool replaces the connection.
  pool.on('connect', (client) => client.on('error', (err) => log.error({ err: { message: err.message } }, 'database connection failed')))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', poolState: () => poolState(pool), close: () => db.destroy() }
}

function poolState(pool: pg.Pool): { total: number; idle: number; waiting: number } {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
}

/**
 * Puts kysely's PostgreSQL dialect over a PGlite instance through pg's driver, so the same SQL and
 * type parsers serve both engines (STACK.md). The caller owns and closes `pglite`.
 */
export function kyselyOverPglite(pglite: PGlite): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pgPoolOverPglite(pglite) }) })
}

function pgPoolOverPglite(pglite: PGlite): pg.Pool {
  return new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig)
}
