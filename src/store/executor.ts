import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/index.js'

/** Store functions take either the database or a transaction, so the caller owns the transaction. */
export type Executor = Kysely<Database> | Transaction<Database>
