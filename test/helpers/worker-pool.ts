import { afterAll } from 'vitest'
import { WorkerPool, type WorkerPoolOptions } from '../../src/worker-pool/index.js'

/**
 * A real worker pool for one test file (threads load the TypeScript source through tsx), closed after
 * the file. The deadline is generous by default: CI machines are loaded, and only the deadline tests
 * mean to reach it.
 */
export function useWorkerPool(options: Partial<WorkerPoolOptions> = {}): WorkerPool {
  const pool = new WorkerPool({ threads: 1, timeoutMs: 60_000, ...options })
  afterAll(() => pool.close())
  return pool
}
