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
  const pending = tasks.map((task, index) => ({ task, index }))
  const active = new Map<string, number>()
  let running = 0
  return new Promise((resolve, reject) => {
    const pump = (): void => {
      if (pending.length === 0 && running === 0) {
        resolve(results)
        return
      }
      while (running < limits.concurrency) {
        const next = pending.findIndex(({ task }) => (active.get(limits.keyOf(task)) ?? 0) < limits.perKey)
        if (next === -1) return
        const [{ task, index }] = pending.splice(next, 1) as [{ task: T; index: number }]
        const key = limits.keyOf(task)
        active.set(key, (active.get(key) ?? 0) + 1)
        running++
        void work(task).then((result) => {
          results[index] = result
          running--
          active.set(key, (active.get(key) ?? 1) - 1)
          pump()
        }, reject)
      }
    }
    pump()
  })
}
