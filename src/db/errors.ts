import { AppError } from '../errors.js'

/** The embedded data dir is held by another live process; opening it too would lose writes (STACK.md). */
export class DataDirLockedError extends AppError {
  constructor(message: string) {
    super('db_locked', message)
  }
}

/** A migration failed; the schema is left at the last one that succeeded. */
export class MigrationError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('db_migration_failed', message, options)
  }
}
