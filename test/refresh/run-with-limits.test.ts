import { describe, expect, it } from 'vitest'
import { runWithLimits } from '../../src/refresh/index.js'

describe('runWithLimits', () => {
  it('keeps at most `concurrency` tasks in flight and `perKey` per key, and returns results in input order', async () => {
    const tasks = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'c1']
    let running = 0
    let peak = 0
    const perKeyPeak = new Map<string, number>()
    const perKeyNow = new Map<string, number>()
    const results = await runWithLimits(tasks, { concurrency: 3, perKey: 2, keyOf: (t) => t[0]! }, async (task) => {
      const key = task[0]!
      running++
      perKeyNow.set(key, (perKeyNow.get(key) ?? 0) + 1)
      peak = Math.max(peak, running)
      perKeyPeak.set(key, Math.max(perKeyPeak.get(key) ?? 0, perKeyNow.get(key)!))
      await new Promise((resolve) => setTimeout(resolve, 5))
      running--
      perKeyNow.set(key, perKeyNow.get(key)! - 1)
      return task.toUpperCase()
    })
    expect(results).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'C1'])
    expect(peak).toBe(3)
    expect(Math.max(...perKeyPeak.values())).toBe(2)
  })

  it('resolves at once for no tasks and rejects when a task rejects', async () => {
    expect(await runWithLimits([], { concurrency: 2, perKey: 1, keyOf: String }, async () => 1)).toEqual([])
    await expect(runWithLimits([1], { concurrency: 2, perKey: 1, keyOf: String }, async () => { throw new Error('bug') })).rejects.toThrow('bug')
  })
})
