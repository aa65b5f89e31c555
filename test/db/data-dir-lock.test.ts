import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireDataDirLock, DataDirLockedError } from '../../src/db/index.js'

describe('acquireDataDirLock', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-lock-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('holds the dir until released, refusing a second holder meanwhile', () => {
    const lock = acquireDataDirLock(dir, 'serve')
    expect(() => acquireDataDirLock(dir, 'fetch')).toThrow(DataDirLockedError)
    lock.release()
    expect(fs.existsSync(path.join(dir, 'tributary.lock'))).toBe(false)
    acquireDataDirLock(dir, 'fetch').release()
  })

  it('names the live process that holds the lock', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      fs.writeFileSync(path.join(dir, 'tributary.lock'), JSON.stringify({ pid: holder.pid, hostname: os.hostname(), command: 'serve', startedAt: '' }))
      expect(() => acquireDataDirLock(dir, 'feeds add')).toThrow(
        `the embedded database in ${dir} is in use by process ${holder.pid} (tributary serve); ` +
          'stop that process first, use its HTTP API, or set DATABASE_URL to a PostgreSQL server',
      )
    } finally {
      holder.kill('SIGKILL')
      await new Promise((resolve) => holder.on('close', resolve))
    }
    // The holder died without releasing: its lock is stale and is taken over.
    const lock = acquireDataDirLock(dir, 'feeds add')
    expect(JSON.parse(fs.readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, command: 'feeds add' })
    lock.release()
  })
})
