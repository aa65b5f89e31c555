import { sql, type Kysely } from 'kysely'
import type { Database } from '../src/db/index.js'
import { queryItems, type ItemQuery } from '../src/store/index.js'
import { dropBenchDatabase, freshBenchDatabase, percentiles } from './bench-database.js'

/**
 * Search latency (p50, p95) of six typical queries at 10k, 100k and 1M stored items on PostgreSQL.
 * Goal (issue 8): p95 at 1M ≤ 2 × p95 at 10k for every query. Items are synthetic news-like text
 * generated inside PostgreSQL so that loading a million takes a minute, not an hour.
 */
const SIZES = [10_000, 100_000, 1_000_000]
const RUNS = 40
const FEEDS = 200
const DB_NAME = 'tributary_bench_search'

const QUERIES: Record<string, (feedId: number, now: Date) => ItemQuery> = {
  'newest 50 (front page)': () => ({ limit: 50 }),
  'common word, newest': () => ({ q: 'council', limit: 50 }),
  'rare words, newest': () => ({ q: '"zeppelin hangar" reopening', limit: 50 }),
  'common words, ranked': () => ({ q: 'election results', sort: 'rank', limit: 50 }),
  'common word, one per story': () => ({ q: 'council', perStory: true, limit: 50 }),
  'feed + last week': (feedId, now) => ({ feedId, since: new Date(now.getTime() - 7 * 86_400_000), limit: 50 }),
}

const WORDS = ['council', 'election', 'results', 'market', 'river', 'school', 'budget', 'storm', 'team', 'museum', 'train', 'hospital',
  'energy', 'festival', 'court', 'minister', 'climate', 'police', 'library', 'harbour', 'bridge', 'farmers', 'league', 'vaccine']

/** Runs the search benchmark and prints one table row per size and query. */
export async function run(): Promise<void> {
  const handle = await freshBenchDatabase(DB_NAME)
  const { db } = handle
  try {
    await seedFeeds(db)
    const now = new Date()
    const results: Record<string, Record<number, { p50: number; p95: number }>> = {}
    let stored = 0
    for (const size of SIZES) {
      const started = Date.now()
      await seedItems(db, stored, size, now)
      stored = size
      await sql`analyze items`.execute(db)
      process.stdout.write(`loaded ${size.toLocaleString('en')} items in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
      for (const [name, build] of Object.entries(QUERIES)) {
        const samples: number[] = []
        for (let i = 0; i < RUNS; i++) {
          const query = build(1 + (i % FEEDS), now)
          const t0 = performance.now()
          await queryItems(db, query)
          samples.push(performance.now() - t0)
        }
        ;(results[name] ??= {})[size] = percentiles(samples.slice(5))
      }
    }
    process.stdout.write(`\n| query | ${SIZES.map((s) => `p50 / p95 at ${s.toLocaleString('en')}`).join(' | ')} | p95 1M ÷ 10k |\n`)
    process.stdout.write(`|---|${SIZES.map(() => '---').join('|')}|---|\n`)
    for (const [name, bySize] of Object.entries(results)) {
      const cells = SIZES.map((s) => `${bySize[s]!.p50.toFixed(1)} / ${bySize[s]!.p95.toFixed(1)} ms`)
      const ratio = bySize[SIZES.at(-1)!]!.p95 / bySize[SIZES[0]!]!.p95
      process.stdout.write(`| ${name} | ${cells.join(' | ')} | ${ratio.toFixed(2)} |\n`)
    }
  } finally {
    await handle.close()
    await dropBenchDatabase(DB_NAME)
  }
}

async function seedFeeds(db: Kysely<Database>): Promise<void> {
  await sql`insert into feeds (url, title) select 'https://feed' || n || '.example/rss', 'Feed ' || n from generate_series(1, ${FEEDS}::int) n`.execute(db)
}

/** Appends items `from+1 .. to` with one story each, dates spread over the last year. */
async function seedItems(db: Kysely<Database>, from: number, to: number, now: Date): Promise<void> {
  const words = sql.lit(`{${WORDS.join(',')}}`)
  for (let start = from; start < to; start += 50_000) {
    const end = Math.min(to, start + 50_000)
    await sql`insert into stories (published_at, updated_at)
      select ${now}::timestamptz - (n % 365) * interval '1 day', ${now}::timestamptz from generate_series(${start + 1}::int, ${end}::int) n`.execute(db)
    await sql`
      with w as (select ${words}::text[] as list)
      insert into items (feed_id, story_id, item_key, guid, url, title, summary, content_html, published_at, content_hash, first_seen_at)
      select 1 + n % ${FEEDS}, n, 'guid:' || n, 'g' || n, 'https://example.org/' || n,
        initcap(w.list[1 + n % 24]) || ' ' || w.list[1 + (n / 7) % 24] || ' ' || w.list[1 + (n / 13) % 24] || ' news ' || n,
        'Report on the ' || w.list[1 + (n / 3) % 24] || ' and the ' || w.list[1 + (n / 5) % 24] || ' as the ' || w.list[1 + (n / 11) % 24] || ' meets again.'
          || case when n % 5000 = 0 then ' The zeppelin hangar reopening was delayed.' else '' end,
        '<p>' || repeat(w.list[1 + (n / 17) % 24] || ' ' || w.list[1 + (n / 19) % 24] || ' ', 20) || '</p>',
        ${now}::timestamptz - (n % 365) * interval '1 day' - (n % 1440) * interval '1 minute', md5(n::text), ${now}::timestamptz
      from generate_series(${start + 1}::int, ${end}::int) n, w`.execute(db)
  }
}
