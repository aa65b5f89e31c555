import pg from 'pg'
import { migrateToLatest, openPostgres, type DatabaseHandle } from '../src/db/index.js'
import { silentLogger } from '../src/log/index.js'

/** The server benchmarks use: BENCH_DATABASE_URL, else the local PostgreSQL this machine runs. */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Creates (or recreates) a migrated database named `name` on the bench server and opens it. */
export async function freshBenchDatabase(name: string): Promise<DatabaseHandle> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(BENCH_SERVER_URL)
  url.pathname = `/${name}`
  const handle = openPostgres(url.toString(), silentLogger())
  await migrateToLatest(handle.db)
  return handle
}

/** Drops a benchmark database. */
export async function dropBenchDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.end()
}

/** p50 and p95 of a list of durations in milliseconds. */
export function percentiles(samples: readonly number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  return { p50: at(0.5), p95: at(0.95) }
}
