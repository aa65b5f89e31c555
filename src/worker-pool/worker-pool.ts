import { fileURLToPath } from 'node:url'
import { MessageChannel } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { AppError, coerceError } from '../errors.js'
import { ParseError } from '../parse/index.js'
import type { DocumentTask, PostedTask, TaskOutcome, TaskResults } from './document-task.js'
import type { ProbeInput, ProbeResult } from './probe-document.js'
import type { FeedDocument, FeedDocumentInput } from './read-feed-document.js'

/** How the pool runs: threads, the deadline of one document, and the heap one thread may use. */
export interface WorkerPoolOptions {
  readonly threads: number
  /** Time one document may take once a thread has started on it (TRIBUTARY_PARSE_TIMEOUT_MS). */
  readonly timeoutMs: number
  /** Old-generation heap of one thread; a document that needs more fails with parse_out_of_memory. */
  readonly maxHeapMb?: number
}

const DEFAULT_MAX_HEAP_MB = 512
// Idle threads are ended after this long, so a one-shot command or a quiet server holds none.
const IDLE_TIMEOUT_MS = 30_000

/**
 * Worker threads for the CPU stages of untrusted documents (parsing, normalizing, fingerprints): a
 * document runs where it can be stopped. Past the deadline its thread is terminated and replaced and the
 * document fails with `parse_timeout`; the event loop, and so the HTTP server and other feeds, never
 * wait on it.
 */
export class WorkerPool {
  readonly #piscina: Piscina
  readonly #timeoutMs: number
  readonly #maxHeapMb: number

  constructor(options: WorkerPoolOptions) {
    this.#timeoutMs = options.timeoutMs
    this.#maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB
    this.#piscina = new Piscina({
      ...threadModule(),
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: IDLE_TIMEOUT_MS,
      resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb },
    })
  }

  /** Reads a fetched feed document into items ready to store. Throws ParseError (parse_timeout, parse_out_of_memory among them) or AppError. */
  readFeed(input: FeedDocumentInput): Promise<FeedDocument> {
    return this.#run({ kind: 'feed', input })
  }

  /** Tells whether a document is a feed or an HTML page with feeds. Throws ParseError or AppError. */
  probe(input: ProbeInput): Promise<ProbeResult> {
    return this.#run({ kind: 'probe', input })
  }

  /** Ends every thread; tasks still running are rejected. */
  async close(): Promise<void> {
    await this.#piscina.destroy()
  }

  async #run<K extends DocumentTask['kind']>(task: DocumentTask & { kind: K }): Promise<TaskResults[K]> {
    // The deadline runs from when a thread takes the task, not from when it was queued: the thread
    // says so on this port.
    const { port1, port2 } = new MessageChannel()
    const deadline = new AbortController()
    let timer: NodeJS.Timeout | undefined
    port1.once('message', () => {
      timer = setTimeout(() => deadline.abort(), this.#timeoutMs)
      port1.close()
    })
    try {
      const posted: PostedTask = { task, started: port2 }
      const outcome = await this.#piscina.run(posted, { transferList: [port2], signal: deadline.signal }) as TaskOutcome<TaskResults[K]>
      if (outcome.ok) return outcome.value
      throw outcome.code.startsWith('parse_') ? new ParseError(outcome.code as ParseError['code'], outcome.message) : new AppError(outcome.code, outcome.message)
    } catch (thrown: unknown) {
      if (thrown instanceof AppError) throw thrown
      const err = coerceError(thrown)
      if (deadline.signal.aborted) {
        throw new ParseError('parse_timeout', `parse: reading the document took longer than ${this.#timeoutMs} ms`, { cause: err })
      }
      if ((err as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new ParseError('parse_out_of_memory', `parse: reading the document needed more than ${this.#maxHeapMb} MB`, { cause: err })
      }
      throw err
    } finally {
      clearTimeout(timer)
      port1.close()
    }
  }
}

// Built, the threads load the compiled module beside this one. Under the test runner this file is
// TypeScript source, which a plain thread cannot load: the threads then load the source through tsx.
function threadModule(): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts')) return { filename: here.replace(/worker-pool\.ts$/, 'pool-thread.ts'), execArgv: ['--import', 'tsx'] }
  return { filename: fileURLToPath(new URL('./pool-thread.js', import.meta.url)), execArgv: [] }
}
