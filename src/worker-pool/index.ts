export { WorkerPool } from './worker-pool.js'
export type { WorkerPoolOptions } from './worker-pool.js'
export type { FeedDocument, FeedDocumentInput } from './read-feed-document.js'
export type { ProbeInput, ProbeResult } from './probe-document.js'
