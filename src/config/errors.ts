import { AppError } from '../errors.js'

/** A configuration value (environment variable or flag) is invalid; the CLI prints the message and exits 2. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('config_invalid', message)
  }
}
