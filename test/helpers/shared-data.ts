import fs from 'node:fs'
import path from 'node:path'

/**
 * A path in the shared data folder (real-world corpus, seed article, feed checkers), which only the
 * suites under `npm run test:shared` read: TRIBUTARY_SHARED_DIR names it (CI: ../shared). Throws when
 * it is not set or the path does not exist, so missing data fails the suite instead of skipping it.
 */
export function sharedPath(...parts: string[]): string {
  const dir = process.env.TRIBUTARY_SHARED_DIR
  if (dir === undefined || dir === '') {
    throw new Error('TRIBUTARY_SHARED_DIR is not set: this suite reads the shared data folder (run it with `TRIBUTARY_SHARED_DIR=../shared npm run test:shared`)')
  }
  const full = path.resolve(dir, ...parts)
  if (!fs.existsSync(full)) throw new Error(`TRIBUTARY_SHARED_DIR: ${full} does not exist`)
  return full
}
