import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.js'

// An exec'd argv can hold neither a NUL nor an unpaired surrogate, so these run main() in-process.
describe('main', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    process.exitCode = undefined
  })

  async function runMain(argv: string[]): Promise<{ code: typeof process.exitCode; stderr: string }> {
    let stderr = ''
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk)
      return true
    })
    await main(argv)
    return { code: process.exitCode, stderr }
  }

  it.each([
    ['a flag\'s value', ['items', '--q', 'a\u0000b'], 'tributary: --q must not contain U+0000 (NUL)\n'],
    ['a flag written with =', ['items', '--collection=news\ud800'], 'tributary: --collection must not contain an unpaired surrogate (U+D800)\n'],
    ['an argument', ['collections', 'create', 'x\u0000'], 'tributary: argument "x?" must not contain U+0000 (NUL)\n'],
  ])('rejects text PostgreSQL cannot store in %s as a usage error, exit 2, before opening anything', async (_what, argv, stderr) => {
    expect(await runMain(argv)).toEqual({ code: 2, stderr })
  })
})
