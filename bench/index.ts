/**
 * `npm run bench`: every benchmark in turn; each prints its own figures. Pass names to run only some
 * (`npm run bench -- parse`). Benchmarks live here, never in timed tests.
 */
const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  parse: () => import('./parse.js'),
  search: () => import('./search.js'),
  matching: () => import('./matching.js'),
  fingerprint: () => import('./fingerprint.js'),
  serving: () => import('./serving.js'),
  hostile: () => import('./hostile.js'),
  'cli-start': () => import('./cli-start.js'),
}

const wanted = process.argv.slice(2)
for (const [name, load] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue
  process.stdout.write(`\n== ${name}\n`)
  await (await load()).run()
}
