import { AppError } from '../errors.js'

/** An OPML document could not be read: not well-formed XML, not OPML, or no <body>. */
export class OpmlError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('opml_invalid', message, options)
  }
}
