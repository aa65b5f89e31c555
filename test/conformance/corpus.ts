import { readdirSync } from 'node:fs'
import path from 'node:path'
import { sharedPath } from '../helpers/shared-data.js'


/** The shared feed corpus, under TRIBUTARY_SHARED_DIR (CI: ../shared/corpus). */
export const CORPUS_DIR = sharedPath('corpus')

/** Returns every file under the corpus, as paths relative to it, sorted. */
export function listCorpusFiles(dir = CORPUS_DIR): string[] {
  const files: string[] = []
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`
      if (entry.isDirectory()) walk(child)
      else files.push(child)
    }
  }
  walk('')
  return files.sort()
}

// feedparser's harness serves its tests from http://127.0.0.1:8097/tests/; every other document is
// given a URL of its own under an example host, so relative references have something to resolve against.
/** Returns the URL a corpus file is parsed as coming from. */
export function documentUrlOf(file: string): string {
  return file.startsWith('feedparser/tests/')
    ? `http://127.0.0.1:8097/${file.slice('feedparser/'.length)}`
    : `https://corpus.example/${file}`
}
