import { defineConfig } from 'vitest/config'

// Suites over the shared data folder (TRIBUTARY_SHARED_DIR: the real-world corpus, the seed article,
// the feed checkers), which a clone of the repository alone does not have: `npm run test:shared`
// runs them, `npm test` runs everything else.
const SHARED_SUITES = [
  'test/conformance/conformance.test.ts',
  'test/dedupe/body-blocks.test.ts',
  'test/dedupe/eval.test.ts',
  'test/discover/discover-feeds.test.ts',
  'test/interop/validators.test.ts',
  'test/opml/parse-opml.test.ts',
  'test/opml/render-opml.test.ts',
  'test/parse/decode-text.test.ts',
  'test/parse/detect-format.test.ts',
  'test/parse/parse-feed.test.ts',
]

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'repository', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', ...SHARED_SUITES] } },
      { extends: true, test: { name: 'shared', include: SHARED_SUITES } },
    ],
  },
})
