/** Base of every error Tributary raises on purpose: a stable snake_case `code` plus an ES2022 `cause`. */
export class AppError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** A lookup by id or name found nothing; the API maps it to 404. */
export class NotFoundError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not_found', message, options)
  }
}

/** A write would break a uniqueness rule; the API maps it to 409. */
export class ConflictError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options)
  }
}

/** Input from a user (flag, request body, file) is wrong; the API maps it to 400, the CLI exits 2. */
export class InputError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad_request', message, options)
  }
}

/** Turns anything thrown into an Error, once, so callers can rely on `.message`. */
export function coerceError(err: unknown): Error {
  if (err instanceof Error) return err
  return new Error(typeof err === 'string' ? err : `non-error thrown: ${String(err)}`)
}
