export { pruneExpired } from './prune-expired.js'
