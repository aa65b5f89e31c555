import { AppError } from '../errors.js'

/** Stable codes for a document the parse stage cannot turn into a feed. */
export type ParseErrorCode =
  | 'parse_unknown_format'
  | 'parse_html_page'
  | 'parse_invalid_xml'
  | 'parse_invalid_json'
  /** Nested entity declarations or an expansion past 1,000,000 characters: an entity-expansion attack. */
  | 'parse_entity_expansion'
  /** Reading the document took longer than TRIBUTARY_PARSE_TIMEOUT_MS on its worker thread. */
  | 'parse_timeout'
  /** Reading the document needed more heap than a worker thread may use. */
  | 'parse_out_of_memory'

/** A fetched document is not a feed we can read; `refresh/` records the code on the feed row. */
export class ParseError extends AppError {
  declare readonly code: ParseErrorCode

  constructor(code: ParseErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
  }
}
