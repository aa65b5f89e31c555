import { describe, expect, it } from 'vitest'
import { canonicalUrl, preferOrigLink, unwrapRedirect } from '../../src/dedupe/index.js'

describe('unwrapRedirect', () => {
  it.each([
    ['Google News url=', 'https://news.google.com/news/url?sa=t&fd=R&usg=AFQ&url=https://example.com/a', 'https://example.com/a'],
    ['Google Alerts', 'https://www.google.com/url?rct=j&sa=t&url=https://example.com/a&ct=ga&usg=AOv', 'https://example.com/a'],
    ['Google search redirect q=', 'https://www.google.com/url?q=https://example.com/a&sa=D', 'https://example.com/a'],
    ['Bing News, percent-encoded', 'http://www.bing.com/news/apiclick.aspx?ref=FexRss&url=https%3a%2f%2fexample.com%2fa&c=1', 'https://example.com/a'],
    ['Facebook shim', 'https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fa&h=AT0', 'https://example.com/a'],
    ['Outlook Safe Links', 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.com%2Fa&data=05', 'https://example.com/a'],
    ['YouTube redirect', 'https://www.youtube.com/redirect?event=video_description&q=https%3A%2F%2Fexample.com%2Fa', 'https://example.com/a'],
    ['Google AMP viewer', 'https://www.google.com/amp/s/example.com/a/amp', 'https://example.com/a/amp'],
    ['AMP cache', 'https://example-com.cdn.ampproject.org/c/s/example.com/a?x=1', 'https://example.com/a?x=1'],
    ['AMP cache over http', 'https://example-com.cdn.ampproject.org/c/example.com/a', 'http://example.com/a'],
  ])('%s', (_name, input, expected) => {
    expect(unwrapRedirect(new URL(input))).toBe(expected)
  })

  it.each([
    ['t.co keeps its target on its server', 'https://t.co/AbC123'],
    ['FeedBurner needs origLink', 'http://feedproxy.google.com/~r/Feed/~3/Xk2p/slug'],
    ['Google News article ids are opaque', 'https://news.google.com/rss/articles/CBMiK2h0dHBzOi8vZXhhbXBsZS5jb20v?oc=5'],
    ['a Google search is not a redirect', 'https://www.google.com/search?q=https://example.com/a'],
    ['a redirect parameter that is not a URL', 'https://l.facebook.com/l.php?u=javascript:alert(1)'],
    ['an ordinary page', 'https://example.com/a?url=https://other.example/'],
  ])('leaves alone: %s', (_name, input) => {
    expect(unwrapRedirect(new URL(input))).toBeNull()
  })
})

describe('canonicalUrl with redirectors', () => {
  it('unwraps nested redirectors and canonicalizes the target', () => {
    const alert = 'https://www.google.com/url?rct=j&url=' + encodeURIComponent('https://Example.com/a?utm_source=alert&id=2#top')
    const safeLink = `https://nam02.safelinks.protection.outlook.com/?url=${encodeURIComponent(alert)}&data=x`
    expect(canonicalUrl(safeLink)).toBe('https://example.com/a?id=2')
  })

  it('keeps a redirector whose target is not a URL', () => {
    expect(canonicalUrl('https://l.facebook.com/l.php?u=mailto%3Aa%40example.com')).toBe('https://l.facebook.com/l.php?u=mailto%3Aa%40example.com')
  })
})

describe('preferOrigLink', () => {
  it.each([
    ['takes the origLink', 'http://feedproxy.google.com/~r/F/~3/x/slug', ' https://example.com/a ', 'https://example.com/a'],
    ['keeps the link without an origLink', 'https://example.com/b', null, 'https://example.com/b'],
    ['ignores an origLink that is not a URL (feedvalidator: "not an URI")', 'https://example.com/b', 'not an URI', 'https://example.com/b'],
    ['takes the origLink when the item has no link', null, 'https://example.com/a', 'https://example.com/a'],
  ])('%s', (_name, link, origLink, expected) => {
    expect(preferOrigLink(link, origLink)).toBe(expected)
  })
})
