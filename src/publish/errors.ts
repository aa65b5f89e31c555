import { AppError } from '../errors.js'

/** The publish input breaks the contract (a self or page URL that is not absolute http(s), an invalid date): a caller's bug, not a feed's. */
export class PublishError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('publish_invalid_input', message, options)
  }
}
