import { describe, expect, it } from 'vitest'
import { canonicalUrl } from '../../src/dedupe/index.js'

describe('canonicalUrl tracking parameters', () => {
  it.each([
    ['Google Analytics campaign and linker', 'utm_source=x&utm_id=1&utm_source_platform=y&_ga=2.1&_gl=1*abc'],
    ['ad click ids', 'gclid=a&gclsrc=aw.ds&wbraid=b&gbraid=c&dclid=d&msclkid=e&yclid=f&fbclid=g&twclid=h&ttclid=i&li_fat_id=j&epik=k'],
    ['email and marketing automation', 'mc_cid=a&mc_eid=b&_hsenc=c&_hsmi=d&__hstc=e&__hssc=f&__hsfp=g&hsCtaTracking=h&mkt_tok=i&oly_anon_id=j&oly_enc_id=k&vero_id=l&vero_conv=m'],
    ['share widgets', 'igshid=a&igsh=b&ref_src=twsrc%5Etfw&ref_url=https%3A%2F%2Fexample.org'],
    ['Matomo and Piwik campaigns', 'mtm_campaign=a&mtm_kwd=b&pk_campaign=c&pk_kwd=d&pk_keyword=e&pk_source=f&pk_medium=g&pk_content=h&pk_cid=i'],
    ['Yahoo consent redirect', 'guccounter=1&guce_referrer=aHR0c&guce_referrer_sig=AQAA'],
  ])('drops %s', (_name, query) => {
    expect(canonicalUrl(`https://example.com/story?id=7&${query}`)).toBe('https://example.com/story?id=7')
  })

  it('keeps generic parameters that may select content', () => {
    expect(canonicalUrl('https://example.com/story?ref=main&source=rss&from=home')).toBe('https://example.com/story?from=home&ref=main&source=rss')
  })
})
