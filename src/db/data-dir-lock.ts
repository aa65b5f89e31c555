import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DataDirLockedError } from './errors.js'

/** Who holds the lock, written into the lock file so a refused process can say who to stop. */
export interface LockOwner {
  readonly pid: number
  readonly hostname: string
  readonly command: string
  readonly startedAt: string
}

/** A held lock on an embedded data dir; `release()` is idempotent. */
export interface DataDirLock {
  readonly path: string
  release(): void
}

const LOCK_FILE = 'tributary.lock'

/**
 * Takes the exclusive lock on `dataDir` with an O_EXCL lock file, clearing a stale one left by a
 * process that died. Throws DataDirLockedError when a live process holds it.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, LOCK_FILE)
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(owner), { flag: 'wx' })
      return heldLock(lockPath)
    } catch (err: unknown) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const holder = readOwner(lockPath)
    if (holder !== null && isAlive(holder)) {
      throw new DataDirLockedError(
        `the embedded database in ${dataDir} is in use by process ${holder.pid} (tributary ${holder.command}); ` +
          'stop that process first, use its HTTP API, or set DATABASE_URL to a PostgreSQL server',
      )
    }
    // The holder died without releasing (crash, kill -9): its lock is stale and safe to clear.
    fs.rmSync(lockPath, { force: true })
  }
  throw new DataDirLockedError(`the embedded database in ${dataDir} is being locked by another process; try again`)
}

function heldLock(lockPath: string): DataDirLock {
  let held = true
  const release = (): void => {
    if (!held) return
    held = false
    process.off('exit', release)
    const holder = readOwner(lockPath)
    if (holder?.pid === process.pid) fs.rmSync(lockPath, { force: true })
  }
  // A normal exit without close() still frees the dir; a crash leaves a stale file that the next process clears.
  process.on('exit', release)
  return { path: lockPath, release }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(lockPath, 'utf8'))
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as LockOwner).pid === 'number') {
      return parsed as LockOwner
    }
    return null
  } catch {
    return null
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock written on another machine (a shared volume) cannot be checked; treat it as held.
  if (owner.hostname !== os.hostname()) return true
  if (owner.pid === process.pid) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (err: unknown) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
