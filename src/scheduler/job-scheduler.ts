import cron, { type ScheduledTask } from 'node-cron'
import { coerceError } from '../errors.js'
import type { Logger } from '../log/index.js'

/**
 * Wakes a job on a cron expression; a wake-up while the previous run is still going is skipped.
 * Jobs ask the database what to do (which feeds are due, what has expired): no cron per feed.
 */
export class JobScheduler {
  readonly #task: ScheduledTask
  readonly #run: () => Promise<unknown>
  readonly #log: Logger
  #inFlight: Promise<void> | null = null
  #stopped = false

  constructor(name: string, expression: string, run: () => Promise<unknown>, log: Logger) {
    this.#run = run
    this.#log = log
    this.#task = cron.createTask(expression, () => this.runOnce(), {
      name,
      noOverlap: true,
      // node-cron writes to the console unless given a logger; ours goes to stderr as JSON.
      logger: {
        info: (message) => log.debug({ module: 'cron' }, message),
        // A wake-up skipped because the last run is still going is the design (noOverlap), not a problem.
        warn: (message) => (/still running|blocked/i.test(String(message)) ? log.debug : log.warn).call(log, { module: 'cron' }, String(message)),
        error: (message, err) => log.error({ module: 'cron', err }, String(message)),
        debug: (message) => log.debug({ module: 'cron' }, String(message)),
      },
    })
  }

  /** Starts waking the job on schedule, and runs it once right away when `runNow`. */
  start({ runNow }: { runNow: boolean }): void {
    this.#task.start()
    if (runNow) void this.runOnce()
  }

  /** Runs the job now unless it is already running or the scheduler stopped; never rejects. */
  runOnce(): Promise<void> {
    if (this.#stopped || this.#inFlight !== null) return this.#inFlight ?? Promise.resolve()
    this.#inFlight = this.#run()
      .then(() => undefined, (err: unknown) => this.#log.error({ err: coerceError(err) }, 'scheduled job failed'))
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
