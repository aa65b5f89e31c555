import { sql, type Kysely } from 'kysely'
import type { Database } from '../src/db/index.js'
import { chooseStory, identifyItems, MATCH_WINDOW_MS, withMatchData } from '../src/dedupe/index.js'
import { findStoryCandidates } from '../src/store/index.js'
import { buildItem } from '../test/helpers/build-item.js'
import { dropBenchDatabase, freshBenchDatabase, percentiles } from './bench-database.js'

/**
 * Cost of matching one new item (candidate lookup through the match-key index plus the comparisons)
 * against stores of 10k, 100k and 1M items on PostgreSQL. Goal (issue 5): p95 at 1M ≤ 2 × p95 at 10k.
 * Stored items get keys shaped like real ones (a link key, a title key, twelve 16-bit fingerprint band
 * keys), generated in SQL over a year of dates so that loading a million takes minutes.
 */
const SIZES = [10_000, 100_000, 1_000_000]
const PROBES = 200
const DB_NAME = 'tributary_bench_matching'

/** Runs the matching benchmark and prints one row per store size. */
export async function run(): Promise<void> {
  const handle = await freshBenchDatabase(DB_NAME)
  const { db } = handle
  try {
    await sql`insert into feeds (url, title) select 'https://feed' || n || '.example/rss', 'Feed ' || n from generate_series(1, 100) n`.execute(db)
    const now = new Date()
    const probes = probeItems(now)
    const rows: string[] = []
    let stored = 0
    for (const size of SIZES) {
      const started = Date.now()
      await seed(db, stored, size, now)
      stored = size
      await sql`analyze items`.execute(db)
      await sql`analyze item_match_keys`.execute(db)
      process.stdout.write(`loaded ${size.toLocaleString('en')} items (${(size * 14).toLocaleString('en')} match keys) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
      const samples: number[] = []
      let compared = 0
      for (const probe of probes) {
        const t0 = performance.now()
        const candidates = await findStoryCandidates(db, probe.match, probe.match.features.publishedAt, MATCH_WINDOW_MS)
        chooseStory(probe.match.features, candidates)
        samples.push(performance.now() - t0)
        compared += candidates.length
      }
      const { p50, p95 } = percentiles(samples.slice(10))
      rows.push(`| ${size.toLocaleString('en')} | ${p50.toFixed(2)} ms | ${p95.toFixed(2)} ms | ${(compared / probes.length).toFixed(1)} |`)
    }
    process.stdout.write('\n| stored items | p50 | p95 | candidates compared (mean) |\n|---|---|---|---|\n')
    process.stdout.write(`${rows.join('\n')}\n`)
  } finally {
    await handle.close()
    await dropBenchDatabase(DB_NAME)
  }
}

/** New items with real features and keys, dated within the last year like the stored ones. */
function probeItems(now: Date) {
  const items = Array.from({ length: PROBES }, (_, n) => buildItem({
    guid: `probe-${n}`,
    url: `https://probe.example/${n}`,
    title: `Council approves plan ${n} for the river district`,
    contentHtml: `<p>${Array.from({ length: 60 }, (_, w) => `word${(n * 7 + w * 13) % 997}`).join(' ')}</p>`,
    publishedAt: new Date(now.getTime() - (n % 365) * 86_400_000),
  }))
  // Built here, none is an unchanged entry: every one has its match data.
  return withMatchData(identifyItems(items), { feedId: 1, feedTitle: 'Probe', seenAt: now }).map(({ match, ...item }) => ({ ...item, match: match! }))
}

/** Appends stored items `from+1 .. to`, one story each, with 14 match keys each. */
async function seed(db: Kysely<Database>, from: number, to: number, now: Date): Promise<void> {
  for (let start = from; start < to; start += 50_000) {
    const end = Math.min(to, start + 50_000)
    const range = sql`generate_series(${start + 1}::int, ${end}::int) n`
    const date = sql`${now}::timestamptz - (n % 365) * interval '1 day' - (n % 1440) * interval '1 minute'`
    await sql`insert into stories (published_at, updated_at) select ${date}, ${now}::timestamptz from ${range}`.execute(db)
    await sql`
      insert into items (feed_id, story_id, item_key, url, title, content_hash, published_at, first_seen_at,
        url_key, norm_title, fingerprint, lead_fingerprint, fingerprint_version, text_words)
      select 1 + n % 100, n, 'guid:' || n, 'https://example.org/' || n, 'Story ' || n, md5(n::text), ${date}, ${now}::timestamptz,
        'example.org/' || n, 'story ' || n, md5(n::text) || md5((n + 1)::text), md5((n + 2)::text) || md5((n + 3)::text), 2, 200
      from ${range}`.execute(db)
    // 16-bit band values drawn from a hash of (n, band): each bucket holds ~1/65536 of the items.
    await sql`
      insert into item_match_keys (key, sort_at, item_id)
      select k.key, i.sort_at, i.id from items i
      cross join lateral (
        select 'u:' || md5('u' || i.id) as key
        union all select 't:' || md5('t' || i.id)
        union all select 'v2f' || b || ':' || lpad(to_hex(abs(hashtext(i.id || ':' || b)) % 65536), 4, '0') from generate_series(0, 7) b
        union all select 'v2l' || b || ':' || lpad(to_hex(abs(hashtext(i.id || ':l' || b)) % 65536), 4, '0') from generate_series(0, 3) b
      ) k
      where i.id > ${start} and i.id <= ${end}`.execute(db)
  }
}
