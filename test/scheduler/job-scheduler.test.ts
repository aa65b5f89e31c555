import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/log/index.js'
import { JobScheduler } from '../../src/scheduler/index.js'

describe('JobScheduler', () => {
  it('skips a wake-up while a run is in flight, and stop() waits for it', async () => {
    let runs = 0
    let finish!: () => void
    const scheduler = new JobScheduler('test-job', '0 0 1 1 *', () => {
      runs++
      return new Promise<void>((resolve) => (finish = resolve))
    }, silentLogger())
    const first = scheduler.runOnce()
    const overlapping = scheduler.runOnce()
    expect(runs).toBe(1)
    let stopped = false
    const stopping = scheduler.stop().then(() => (stopped = true))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(stopped).toBe(false)
    finish()
    await Promise.all([first, overlapping, stopping])
    expect(stopped).toBe(true)
    await scheduler.runOnce()
    expect(runs).toBe(1)
  })

  it('contains a failing run instead of letting it escape', async () => {
    const scheduler = new JobScheduler('test-job', '0 0 1 1 *', () => Promise.reject(new Error('database down')), silentLogger())
    await expect(scheduler.runOnce()).resolves.toBeUndefined()
    await scheduler.stop()
  })
})
