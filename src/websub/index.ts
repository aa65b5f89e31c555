export { HubNotifier } from './hub-notifier.js'
export type { HubNotifierOptions } from './hub-notifier.js'
