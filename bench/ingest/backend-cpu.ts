import { readCpuMs } from './processes.js'
import { openServerClient } from './targets.js'

const DISCOVER_MS = 200
const SAMPLE_MS = 50

/**
 * CPU time the PostgreSQL server spends for one database: the backends connected to it are found
 * in pg_stat_activity (from a connection to another database, so the monitor does not count
 * itself) and their /proc/<pid>/stat times sampled until `stop()`. Background processes (WAL
 * writer, checkpointer, autovacuum) are not counted, and a backend's last sample may be up to one
 * interval short. Only meaningful when the server runs on this machine.
 */
export class BackendCpuMonitor {
  readonly #cpuByPid = new Map<number, number>()
  readonly #timers: NodeJS.Timeout[] = []
  readonly #client: Awaited<ReturnType<typeof openServerClient>>
  readonly #databaseName: string
  #discovering: Promise<void> = Promise.resolve()

  private constructor(client: Awaited<ReturnType<typeof openServerClient>>, databaseName: string) {
    this.#client = client
    this.#databaseName = databaseName
  }

  /** Starts watching the backends of `databaseName`. */
  static async start(databaseName: string): Promise<BackendCpuMonitor> {
    const monitor = new BackendCpuMonitor(await openServerClient(null), databaseName)
    monitor.#timers.push(setInterval(() => (monitor.#discovering = monitor.#discover()), DISCOVER_MS))
    monitor.#timers.push(setInterval(() => monitor.#sample(), SAMPLE_MS))
    monitor.#discovering = monitor.#discover()
    return monitor
  }

  /** Stops watching and returns the CPU time of the backends seen, ms. */
  async stop(): Promise<number> {
    for (const timer of this.#timers) clearInterval(timer)
    await this.#discovering
    this.#sample()
    await this.#client.close()
    let total = 0
    for (const ms of this.#cpuByPid.values()) total += ms
    return total
  }

  async #discover(): Promise<void> {
    const rows = await this.#client.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = '${this.#databaseName}' and backend_type = 'client backend'`,
    ).catch(() => [])
    for (const { pid } of rows) {
      if (!this.#cpuByPid.has(pid)) this.#cpuByPid.set(pid, 0)
    }
    this.#sample()
  }

  #sample(): void {
    for (const pid of this.#cpuByPid.keys()) {
      const ms = readCpuMs(pid)
      if (ms !== null) this.#cpuByPid.set(pid, ms)
    }
  }
}
