import cron, { type ScheduledTask } from 'node-cron'
import { coerceError } from '../errors.js'
import type { Logger } from '../log/index.js'

/**
 * Wakes `run` on a cron expression; a wake-up while the previous run is still going is skipped.
 * Which feeds are due is the job's question (a query), not one cron per feed.
 */
export class RefreshScheduler {
  readonly #task: ScheduledTask
  readonly #run: () => Promise<unknown>
  readonly #log: Logger
  #inFlight: Promise<void> | null = null
  #stopped = false

  constructor(expression: string, run: () => Promise<unknown>, log: Logger) {
    this.#run = run
    this.#log = log
    this.#task = cron.createTask(expression, () => this.runOnce(), {
      name: 'refresh-due-feeds',
      noOverlap: true,
      // node-cron writes to the console unless given a logger; ours goes to stderr as JSON.
      logger: {
        info: (message) => log.debug({ module: 'cron' }, message),
        warn: (message) => log.warn({ module: 'cron' }, message),
        error: (message, err) => log.error({ module: 'cron', err }, String(message)),
        debug: (message) => log.debug({ module: 'cron' }, String(message)),
      },
    })
  }

  /** Starts waking the job on schedule and runs it once right away. */
  start(): void {
    this.#task.start()
    void this.runOnce()
  }

  /** Runs the job now unless it is already running or the scheduler stopped; never rejects. */
  runOnce(): Promise<void> {
    if (this.#stopped || this.#inFlight !== null) return this.#inFlight ?? Promise.resolve()
    this.#inFlight = this.#run()
      .then(() => undefined, (err: unknown) => this.#log.error({ err: coerceError(err) }, 'scheduled refresh failed'))
      .finally(() => {
        this.#inFlight = null
      })
    return this.#inFlight
  }

  /** Stops waking the job and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.#stopped = true
    await this.#task.stop()
    await this.#task.destroy()
    await this.#inFlight
  }
}
