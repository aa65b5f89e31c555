export { RefreshScheduler } from './refresh-scheduler.js'
