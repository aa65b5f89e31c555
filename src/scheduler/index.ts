export { JobScheduler } from './job-scheduler.js'
