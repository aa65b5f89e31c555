import { describe, expect, it } from 'vitest'
import { renderFeedsPage } from '../../../src/present/pages/feeds-page.js'
import { feedStatus, HOSTILE } from './fixtures.js'

describe('renderFeedsPage', () => {
  const days = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)))
  const html = renderFeedsPage({
    feeds: [
      feedStatus({ id: 1, title: 'Alpha' }),
      feedStatus({ id: 2, title: HOSTILE, lastError: { code: 'fetch_http_5xx', message: HOSTILE }, errorCount: 2, lastSuccessAt: null }),
      feedStatus({ id: 3, disabledReason: 'gone (410)' }),
    ],
    activity: { days, counts: new Map([[1, [0, 1, 0, 0, 2, 0, 4]]]) },
  })

  it('shows status, last success, last error, next fetch, items per day and the API link per feed', () => {
    const alpha = html.slice(html.indexOf('Alpha'), html.indexOf('</tr>', html.indexOf('Alpha')))
    expect(alpha).toContain('<td class="ok">ok</td>')
    expect(alpha).toContain('<time datetime="2026-01-05T10:00:00.000Z">2026-01-05 10:00 UTC</time>')
    expect(alpha).toContain('<time datetime="2026-01-05T11:00:00.000Z">')
    expect(alpha).toContain('aria-label="01-01: 0, 01-02: 1, 01-03: 0, 01-04: 0, 01-05: 2, 01-06: 0, 01-07: 4"')
    expect(alpha).toContain('<span style="height:50%"></span><span style="height:0%"></span><span style="height:100%"></span></span> 7')
    expect(alpha).toContain('<a href="/api/feeds/1">JSON</a>')
    expect(html).toContain('<td class="warn">failing 2×</td>')
    expect(html).toContain('<code>fetch_http_5xx</code> &lt;script&gt;')
    expect(html).toContain('<td class="bad">disabled: gone (410)</td>')
    expect(html).not.toMatch(/<script|<img/)
  })
})
