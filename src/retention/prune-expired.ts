import type { Kysely } from 'kysely'
import type { Database } from '../db/index.js'
import type { Logger } from '../log/index.js'
import { pruneBatch, type PruneSummary, type RetentionPolicy } from '../store/index.js'

/** Items removed per transaction: small enough that readers and fetches are never blocked for long. */
const BATCH_SIZE = 1000

/**
 * Applies the retention policy in batches, one transaction each, until nothing has expired; returns
 * the totals. `onBatch` sees each batch (progress output).
 */
export async function pruneExpired(
  deps: { db: Kysely<Database>; log: Logger; policy: RetentionPolicy; now: () => Date },
  onBatch?: (batch: PruneSummary, total: { items: number; stories: number }) => void,
): Promise<{ items: number; stories: number }> {
  const total = { items: 0, stories: 0 }
  for (;;) {
    const batch = await deps.db.transaction().execute((trx) => pruneBatch(trx, deps.policy, deps.now(), BATCH_SIZE))
    if (batch.items === 0) break
    total.items += batch.items
    total.stories += batch.stories
    onBatch?.(batch, total)
  }
  deps.log.info({ items: total.items, stories: total.stories }, 'retention prune finished')
  return total
}
