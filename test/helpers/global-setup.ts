import fs from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { TestProject } from 'vitest/node'
import { kyselyOverPglite, migrateToLatest, openPostgres } from '../../src/db/index.js'
import { silentLogger } from '../../src/log/index.js'
import { databaseUrlFor, withAdmin } from './database-url.js'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    postgresTemplate: string | null
  }
}

/**
 * Migrates one embedded and (with TEST_DATABASE_URL) one server database once per run; each test file
 * then starts from a copy, because a fresh PGlite init costs seconds and a gigabyte (STACK.md).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tmpDir = path.resolve('.tmp')
  await fs.mkdir(tmpDir, { recursive: true })
  // Per project too: a run of both projects (vitest.config.ts) sets each up in one process.
  const runId = `${process.pid}_${project.name.replace(/\W/g, '_')}`
  const templateFile = path.join(tmpDir, `pglite-template-${runId}.tar`)
  const pglite = new PGlite()
  const db = kyselyOverPglite(pglite)
  await migrateToLatest(db)
  await db.destroy()
  const dump = await pglite.dumpDataDir('none')
  await fs.writeFile(templateFile, Buffer.from(await dump.arrayBuffer()))
  await pglite.close()
  project.provide('pgliteTemplate', templateFile)

  const serverUrl = process.env.TEST_DATABASE_URL
  let postgresTemplate: string | null = null
  if (serverUrl) {
    postgresTemplate = `tributary_tpl_${runId}`
    await withAdmin(serverUrl, (admin) => admin.query(`create database ${postgresTemplate}`))
    const handle = openPostgres(databaseUrlFor(serverUrl, postgresTemplate), silentLogger())
    await migrateToLatest(handle.db)
    await handle.close()
  }
  project.provide('postgresTemplate', postgresTemplate)

  return async () => {
    await fs.rm(templateFile, { force: true })
    if (serverUrl) {
      await withAdmin(serverUrl, async (admin) => {
        const { rows } = await admin.query<{ datname: string }>(
          `select datname from pg_database where datname like $1 or datname = $2`,
          [`tributary_test_${process.pid}_%`, postgresTemplate],
        )
        for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`)
      })
    }
  }
}
