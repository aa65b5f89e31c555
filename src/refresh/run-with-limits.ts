/**
 * Runs `work` for every task with at most `concurrency` in flight overall and `perKey` per key (a
 * host), preserving input order in the results. Rejects as soon as one `work` call rejects, so callers
 * that must go on after a failure catch inside `work`.
 */
export async function runWithLimits<T, R>(
  tasks: readonly T[],
  limits: { concurrency: number; perKey: number; keyOf: (task: T) => string },
  work: (task: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(tasks.length)
  // One queue per key, so picking the next runnable task never rescans tasks blocked on a busy host.
  const queues = new Map<string, { index: number; task: T }[]>()
  tasks.forEach((task, index) => {
    const key = limits.keyOf(task)
    const queue = queues.get(key) ?? []
    queue.push({ index, task })
    queues.set(key, queue)
  })
  const active = new Map<string, number>()
  let running = 0
  return new Promise((resolve, reject) => {
    const pump = (): void => {
      if (queues.size === 0 && running === 0) {
        resolve(results)
        return
      }
      for (const [key, queue] of queues) {
        if (running >= limits.concurrency) return
        while (queue.length > 0 && running < limits.concurrency && (active.get(key) ?? 0) < limits.perKey) {
          const { index, task } = queue.shift()!
          active.set(key, (active.get(key) ?? 0) + 1)
          running++
          void work(task).then((result) => {
            results[index] = result
            running--
            active.set(key, active.get(key)! - 1)
            pump()
          }, reject)
        }
        if (queue.length === 0) queues.delete(key)
      }
    }
    pump()
  })
}
