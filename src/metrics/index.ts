export { createMetrics } from './metrics.js'
export type { Metrics, MetricSources, RefreshObserver } from './metrics.js'
