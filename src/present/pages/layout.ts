import { escapeHtml } from '../html.js'

/** The sections the nav links to; a page names the one it belongs to. */
export type Section = 'collections' | 'search' | 'feeds'

const NAV: readonly [Section, string, string][] = [['collections', '/', 'Collections'], ['search', '/search', 'Search'], ['feeds', '/feeds', 'Feeds']]

// One small stylesheet inline: no asset route to cache-bust, and the page renders in one request.
const STYLE = `
:root {
  color-scheme: light dark;
  --fg: #1d1d21; --muted: #5d6068; --bg: #fff; --panel: #f5f6f8; --line: #e1e3e8;
  --accent: #0b57d0; --mark: #ffe58a; --ok: #17753a; --warn: #8a5300; --bad: #b3261e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e5e6ea; --muted: #a3a7b0; --bg: #15161a; --panel: #1f2126; --line: #30333a;
    --accent: #8ab4f8; --mark: #6b5500; --ok: #7fd197; --warn: #f3c06b; --bad: #f2b8b5;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
header { border-bottom: 1px solid var(--line); background: var(--panel); }
.bar, main { max-width: 64rem; margin: 0 auto; padding: 0 1rem; }
.bar { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1.5rem; padding-block: .6rem; }
.brand { font-weight: 700; font-size: 1.15rem; color: inherit; text-decoration: none; }
nav a { margin-right: 1rem; text-decoration: none; }
nav a[aria-current] { color: inherit; font-weight: 600; border-bottom: 2px solid var(--accent); }
main { padding-block: 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .8rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; }
h3 { font-size: 1.05rem; margin: 0; }
h3 a { text-decoration: none; }
h3 a:hover { text-decoration: underline; }
.muted, .meta { color: var(--muted); }
.meta { font-size: .9rem; margin: .15rem 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: .8rem 0; }
.list { list-style: none; padding: 0; margin: 0; }
.list > li { padding: .8rem 0; border-bottom: 1px solid var(--line); }
.list p { margin: .3rem 0 0; }
.subscribe a { font-weight: 600; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; }
.message { border-left: 4px solid var(--bad); background: var(--panel); padding: .6rem .9rem; }
.ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); }
form.search { display: grid; gap: .6rem; background: var(--panel); padding: .8rem; border-radius: 8px; }
form.search .row { display: flex; gap: .5rem; flex-wrap: wrap; }
form.search .row > * { flex: 1 1 10rem; }
form.search .row > button { flex: 0 0 auto; padding-inline: 1.2rem; }
form.search label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
form.search label.check { flex-direction: row; align-items: center; gap: .4rem; }
button { background: var(--accent); color: var(--bg); border-color: var(--accent); cursor: pointer; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { font-weight: 600; white-space: nowrap; }
.spark { display: inline-flex; align-items: flex-end; gap: 2px; height: 1.4rem; vertical-align: middle; }
.spark span { width: 6px; min-height: 1px; background: var(--accent); }
.pager { display: flex; gap: 1.5rem; margin-top: 1rem; }
.sources { padding-left: 1.2rem; margin: .3rem 0; }
.sources li { margin: .35rem 0; }
`

/**
 * Returns a whole HTML document: head, the shared header and nav, and `body` (already-escaped HTML)
 * as its main content. A static copy of the site (`staticSite`) has no nav: search and the feeds
 * page need the server.
 */
export function renderLayout(page: { title: string; section: Section | null; body: string; head?: string; staticSite?: boolean }): string {
  const links = NAV.map(([section, href, label]) =>
    `<a href="${href}"${section === page.section ? ' aria-current="page"' : ''}>${label}</a>`).join('\n')
  const nav = page.staticSite === true ? '' : `\n<nav aria-label="Main">\n${links}\n</nav>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
${page.head ?? ''}<style>${STYLE}</style>
</head>
<body>
<header><div class="bar">
<a class="brand" href="${page.staticSite === true ? './' : '/'}">Tributary</a>${nav}
</div></header>
<main>
${page.body}
</main>
</body>
</html>
`
}
