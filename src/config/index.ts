export { loadConfig, DEFAULT_USER_AGENT } from './config.js'
export type { Config, ConfigFlags } from './config.js'
export { ConfigError } from './errors.js'
