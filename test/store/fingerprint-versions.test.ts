import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { chooseStory, FINGERPRINT_VERSION, fingerprintBands, identifyItems, MATCH_WINDOW_MS, withMatchData } from '../../src/dedupe/index.js'
import type { Item } from '../../src/model/index.js'
import { refingerprintBatch } from '../../src/refresh/index.js'
import { findStoryCandidates, subscribeFeed } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { storeFeedItems } from '../helpers/store-items.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { paragraphsHtml, WIRE, WIRE_TITLE } from '../helpers/wire-story.js'

const T0 = new Date('2026-03-02T08:00:00Z')
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000)
const OTHER = [
  'The Harrow End library reopened on Saturday after a two year refit that added a reading garden, a makerspace and a cafe run by volunteers from the village.',
  'Librarians said more than four hundred people came through the doors on the first day, many of them children who signed up for the summer reading challenge.',
]
// Three title words: enough for a title key (so copies are compared), too few for the title rule.
const SHORT_TITLE = 'Aldwater bridge shut'
const OLD_FINGERPRINT = 'ab'.repeat(32)
const OLD_LEAD = 'cd'.repeat(32)

describe.each(testDatabaseKinds())('fingerprint versions in the store on %s', (kind) => {
  const database = useTestDatabase(kind)

  async function feed(host: string) {
    return (await subscribeFeed(database().db, { url: `https://${host}/feed`, title: host, collections: [] })).feed
  }

  async function store(feedRow: { id: number }, item: Item, now: Date) {
    return storeFeedItems(database().db, feedRow, null, identifyItems([item]), now)
  }

  async function row(url: string) {
    const { db } = database()
    const item = await db.selectFrom('items').select(['id', 'story_id', 'match_rule', 'fingerprint', 'lead_fingerprint', 'fingerprint_version', 'text_words'])
      .where('url', '=', url).executeTakeFirstOrThrow()
    const keys = await db.selectFrom('item_match_keys').select('key').where('item_id', '=', item.id).orderBy('key').execute()
    return { ...item, keys: keys.map((k) => k.key) }
  }

  // As an item stored before version 2 is kept: no version, fingerprints of the old hash, bands under bare `f`/`l` labels.
  async function makeVersion1(url: string, fingerprint: string, lead: string): Promise<void> {
    const { db } = database()
    const item = await db.updateTable('items').set({ fingerprint_version: null, fingerprint, lead_fingerprint: lead })
      .where('url', '=', url).returning(['id', 'sort_at']).executeTakeFirstOrThrow()
    await sql`delete from item_match_keys where item_id = ${item.id} and key like 'v2%'`.execute(db)
    const bands = [...fingerprintBands(fingerprint, 'f', 8), ...fingerprintBands(lead, 'l', 4)]
    await db.insertInto('item_match_keys').values(bands.map((key) => ({ key, sort_at: item.sort_at, item_id: item.id }))).execute()
  }

  it('writes the current version with the fingerprints of new items', async () => {
    await store(await feed('wire.example'), buildItem({ guid: 'w1', url: 'https://wire.example/a', title: SHORT_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: T0 }), T0)
    const stored = await row('https://wire.example/a')
    expect(stored.fingerprint_version).toBe(FINGERPRINT_VERSION)
    expect(stored.keys.filter((key) => /^v2[fl]\d:/.test(key))).toHaveLength(12)
  })

  it('recomputes version-1 fingerprints and bands from the stored text, newest first, a bounded batch at a time', async () => {
    const wire = await feed('wire.example')
    await store(wire, buildItem({ guid: 'w1', url: 'https://wire.example/a', title: WIRE_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: T0 }), T0)
    await store(wire, buildItem({ guid: 'w2', url: 'https://wire.example/b', title: 'Harrow End library reopens after refit', contentHtml: paragraphsHtml(OTHER), publishedAt: hours(5) }), hours(5))
    const fresh = [await row('https://wire.example/a'), await row('https://wire.example/b')]
    await makeVersion1('https://wire.example/a', OLD_FINGERPRINT, OLD_LEAD)
    await makeVersion1('https://wire.example/b', OLD_FINGERPRINT, OLD_LEAD)

    expect(await refingerprintBatch(database().db, 1)).toBe(1)
    const [olderOld, newerDone] = [await row('https://wire.example/a'), await row('https://wire.example/b')]
    expect(newerDone).toEqual(fresh[1])
    expect(olderOld).toMatchObject({ fingerprint: OLD_FINGERPRINT, fingerprint_version: null })

    expect(await refingerprintBatch(database().db)).toBe(1)
    expect(await row('https://wire.example/a')).toEqual(fresh[0])
    expect((await row('https://wire.example/a')).keys.some((key) => /^[fl]\d:/.test(key))).toBe(false)
    expect(await refingerprintBatch(database().db)).toBe(0)
  })

  it('does not compare a version-1 candidate by fingerprint with a version-2 item, until it is recomputed', async () => {
    const wire = await feed('wire.example')
    const farm = await feed('farm.example')
    await store(wire, buildItem({ guid: 'w1', url: 'https://wire.example/a', title: SHORT_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: T0 }), T0)
    const original = await row('https://wire.example/a')
    // The worst case: a version-1 fingerprint that reads exactly as the new copy's version-2 one.
    await makeVersion1('https://wire.example/a', original.fingerprint!, original.lead_fingerprint!)
    const copy = (guid: string) => buildItem({ guid, url: `https://farm.example/${guid}`, title: SHORT_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: hours(2) })

    const counts = await store(farm, copy('f1'), hours(2))
    expect(counts.matches).toEqual({ first: 1 })
    expect((await row('https://farm.example/f1')).story_id).not.toBe(original.story_id)

    // Recomputed, the stored copy is a candidate by fingerprint again.
    await refingerprintBatch(database().db)
    const [probe] = withMatchData(identifyItems([copy('f2')]), { feedId: farm.id, feedTitle: null, seenAt: hours(2) })
    const candidates = (await findStoryCandidates(database().db, probe!.match!, hours(2), MATCH_WINDOW_MS))
      .filter((candidate) => candidate.storyId === original.story_id)
    expect(candidates.map((c) => c.features.fingerprintVersion)).toEqual([FINGERPRINT_VERSION])
    expect(chooseStory(probe!.match!.features, candidates)).toEqual({ storyId: original.story_id, rule: 'fingerprint', distance: 0 })
  })
})
