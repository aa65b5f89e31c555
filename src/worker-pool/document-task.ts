import type { MessagePort } from 'node:worker_threads'
import { AppError } from '../errors.js'
import { probeDocument, type ProbeInput, type ProbeResult } from './probe-document.js'
import { readFeedDocument, type FeedDocument, type FeedDocumentInput } from './read-feed-document.js'

/** Work for a pool thread: one document to read as a feed, or to probe for subscribing. */
export type DocumentTask =
  | { readonly kind: 'feed'; readonly input: FeedDocumentInput }
  | { readonly kind: 'probe'; readonly input: ProbeInput }

/** What each kind of task returns. */
export interface TaskResults {
  readonly feed: FeedDocument
  readonly probe: ProbeResult
}

/**
 * How a task ended, as it crosses the thread boundary: errors are not cloned with their class, so a
 * stage's typed error travels as its code and message.
 */
export type TaskOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string; readonly message: string }

/** A task as posted to a thread, with the port on which the thread says it has started (the deadline runs from then). */
export interface PostedTask {
  readonly task: DocumentTask
  readonly started: MessagePort
}

/** Runs one task; a typed error becomes a failed outcome, anything else is thrown (a bug). */
export async function runDocumentTask({ task, started }: PostedTask): Promise<TaskOutcome<TaskResults[DocumentTask['kind']]>> {
  started.postMessage(null)
  started.close()
  try {
    const value = task.kind === 'feed' ? await readFeedDocument(task.input) : await probeDocument(task.input)
    return { ok: true, value }
  } catch (err: unknown) {
    if (err instanceof AppError) return { ok: false, code: err.code, message: err.message }
    throw err
  }
}
