import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import { FINGERPRINT_VERSION, refingerprintedMatchData } from '../dedupe/index.js'
import { refingerprintItems } from '../store/index.js'

/**
 * Stored items whose fingerprints one refresh pass recomputes to FINGERPRINT_VERSION: ~0.1–0.2 s of
 * CPU (mostly reading the HTML back into words) and three statements, small beside a pass.
 */
export const REFINGERPRINT_BATCH = 500

/**
 * Recomputes one batch of outdated stored fingerprints, newest first, in one transaction; returns how
 * many. Run from every refresh pass rather than from the migration: a migration runs SQL only and would
 * hold every process's start for the whole backlog (minutes at a million items), while passes spread it
 * and start with the items a new copy can still be matched with (MATCH_WINDOW_MS), so matching by text
 * comes back within a few passes. Until an item is done it still matches by link and title.
 */
export async function refingerprintBatch(db: Kysely<Database>, limit = REFINGERPRINT_BATCH): Promise<number> {
  return db.transaction().execute((trx) =>
    refingerprintItems(trx, FINGERPRINT_VERSION, limit, ({ features, ...text }) => refingerprintedMatchData(text, features)))
}
