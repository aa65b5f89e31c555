import { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** What the refresh stage reports as it works; every method is cheap and never throws. */
export interface RefreshObserver {
  /** One fetch ended: `outcome` is `updated`, `not_modified` or an error code. */
  fetchFinished(outcome: string, host: string, seconds: number): void
  /** Parse, normalize and identify of one document took `seconds`. */
  parseFinished(seconds: number): void
  /** A document's items were stored: how many new and edited items, and how new items found their story. */
  itemsStored(counts: { created: number; updated: number; matches: Readonly<Record<string, number>> }): void
}

/** Where the gauges read live state from when scraped. */
export interface MetricSources {
  /** Seconds the most overdue enabled feed has been waiting (0 when none is overdue). */
  readonly queueLagSeconds: () => Promise<number>
  /** Connection pool state; absent for a database without a pool. */
  readonly pool?: () => { total: number; idle: number; waiting: number }
}

/** Prometheus metrics of one process: the refresh observer, HTTP recording, and the registry to expose. */
export interface Metrics extends RefreshObserver {
  readonly registry: Registry
  httpRequestFinished(route: string, method: string, status: number, seconds: number): void
}

const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/** Creates the metrics of this process in a registry of its own (so tests and apps never share one). */
export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry()
  const fetches = new Counter({ name: 'tributary_fetches_total', help: 'Feed fetches by outcome (updated, not_modified or an error code) and host.', labelNames: ['outcome', 'host'], registers: [registry] })
  const fetchSeconds = new Histogram({ name: 'tributary_fetch_duration_seconds', help: 'Time to fetch one feed, redirects included.', buckets: DURATION_BUCKETS, registers: [registry] })
  const parseSeconds = new Histogram({ name: 'tributary_parse_duration_seconds', help: 'Time to parse, normalize and identify one feed document.', buckets: DURATION_BUCKETS, registers: [registry] })
  const itemsCreated = new Counter({ name: 'tributary_items_created_total', help: 'Items stored for the first time.', registers: [registry] })
  const itemsUpdated = new Counter({ name: 'tributary_items_updated_total', help: 'Stored items whose content changed.', registers: [registry] })
  const storiesCreated = new Counter({ name: 'tributary_stories_created_total', help: 'New stories (an item that matched no existing story).', registers: [registry] })
  const dedupeHits = new Counter({ name: 'tributary_dedupe_hits_total', help: 'New items that joined an existing story, by the rule that matched.', labelNames: ['rule'], registers: [registry] })
  const http = new Counter({ name: 'tributary_http_requests_total', help: 'HTTP requests by route, method and status.', labelNames: ['route', 'method', 'status'], registers: [registry] })
  const httpSeconds = new Histogram({ name: 'tributary_http_request_duration_seconds', help: 'HTTP request duration by route.', labelNames: ['route'], buckets: DURATION_BUCKETS, registers: [registry] })
  new Gauge({
    name: 'tributary_queue_lag_seconds',
    help: 'How long the most overdue enabled feed has waited past its next fetch time.',
    registers: [registry],
    async collect() {
      this.set(await sources.queueLagSeconds())
    },
  })
  const pool = sources.pool
  if (pool !== undefined) {
    new Gauge({
      name: 'tributary_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting clients).',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const state = pool()
        this.set({ state: 'total' }, state.total)
        this.set({ state: 'idle' }, state.idle)
        this.set({ state: 'waiting' }, state.waiting)
      },
    })
  }
  return {
    registry,
    fetchFinished(outcome, host, seconds) {
      fetches.inc({ outcome, host })
      fetchSeconds.observe(seconds)
    },
    parseFinished(seconds) {
      parseSeconds.observe(seconds)
    },
    itemsStored({ created, updated, matches }) {
      itemsCreated.inc(created)
      itemsUpdated.inc(updated)
      for (const [rule, count] of Object.entries(matches)) {
        if (rule === 'first') storiesCreated.inc(count)
        else dedupeHits.inc({ rule }, count)
      }
    },
    httpRequestFinished(route, method, status, seconds) {
      http.inc({ route, method, status: String(status) })
      httpSeconds.observe({ route }, seconds)
    },
  }
}
