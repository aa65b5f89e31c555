/** The Content-Type to serve the feed stylesheet with; browsers apply XSLT served as text/xsl. */
export const FEED_STYLESHEET_CONTENT_TYPE = 'text/xsl; charset=utf-8'

/**
 * An XSLT 1.0 stylesheet that shows Tributary's RSS 2.0 and Atom 1.0 documents as a readable page
 * when a browser opens a feed URL: what the document is, how to subscribe (its first page's URL),
 * the other formats, and the entries with their dates and sources. No script, and no markup from
 * the feed is copied through: every text is written as text. It reads only what renderRss and
 * renderAtom write, and links the formats relatively, as siblings named feed.{atom,rss,json}.
 */
export const FEED_STYLESHEET = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

<xsl:template match="/">
  <xsl:apply-templates select="rss/channel | atom:feed"/>
</xsl:template>

<xsl:template match="rss/channel">
  <xsl:call-template name="page">
    <xsl:with-param name="format" select="'RSS 2.0'"/>
    <xsl:with-param name="title" select="string(title)"/>
    <xsl:with-param name="description" select="string(description)"/>
    <xsl:with-param name="home" select="string(link)"/>
    <xsl:with-param name="links" select="atom:link"/>
    <xsl:with-param name="entries" select="item"/>
  </xsl:call-template>
</xsl:template>

<xsl:template match="atom:feed">
  <xsl:call-template name="page">
    <xsl:with-param name="format" select="'Atom 1.0'"/>
    <xsl:with-param name="title" select="string(atom:title)"/>
    <xsl:with-param name="description" select="string(atom:subtitle)"/>
    <xsl:with-param name="home" select="string(atom:link[@rel = 'alternate' or not(@rel)][1]/@href)"/>
    <xsl:with-param name="links" select="atom:link"/>
    <xsl:with-param name="entries" select="atom:entry"/>
  </xsl:call-template>
</xsl:template>

<xsl:template name="page">
  <xsl:param name="format"/>
  <xsl:param name="title"/>
  <xsl:param name="description"/>
  <xsl:param name="home"/>
  <xsl:param name="links"/>
  <xsl:param name="entries"/>
  <!-- Subscribe to the first page: a later page's URL would only ever show old entries. -->
  <xsl:variable name="subscribe">
    <xsl:choose>
      <xsl:when test="$links[@rel = 'first']"><xsl:value-of select="$links[@rel = 'first']/@href"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$links[@rel = 'self']/@href"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <html lang="en">
    <head>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title><xsl:value-of select="$title"/> · web feed</title>
      <style>
:root { color-scheme: light dark; --fg: #1d1d21; --muted: #5d6068; --bg: #fff; --panel: #f5f6f8; --line: #e1e3e8; --accent: #0b57d0; }
@media (prefers-color-scheme: dark) { :root { --fg: #e5e6ea; --muted: #a3a7b0; --bg: #15161a; --panel: #1f2126; --line: #30333a; --accent: #8ab4f8; } }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 48rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
a { color: var(--accent); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .3rem 0 .6rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
h3 { font-size: 1.02rem; margin: 0; }
.kind, .meta { color: var(--muted); font-size: .9rem; margin: 0; }
.note { background: var(--panel); border-left: 4px solid var(--accent); border-radius: 6px; padding: .2rem 1rem .6rem; }
.note h2 { margin-top: .6rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.url { display: block; padding: .5rem .6rem; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; user-select: all; }
.entries { list-style: none; padding: 0; margin: 0; }
.entries > li { padding: .7rem 0; border-bottom: 1px solid var(--line); }
.pager { display: flex; gap: 1.5rem; margin-top: 1rem; }
      </style>
    </head>
    <body>
      <main>
        <p class="kind">Web feed · <xsl:value-of select="$format"/></p>
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:if test="$description != '' and $description != $title">
          <p><xsl:value-of select="$description"/></p>
        </xsl:if>
        <section class="note" aria-labelledby="subscribe">
          <h2 id="subscribe">This is a web feed — copy its URL into your feed reader to subscribe</h2>
          <p><code class="url"><xsl:value-of select="$subscribe"/></code></p>
          <p>The same feed as <a href="feed.atom">Atom</a> · <a href="feed.rss">RSS</a> · <a href="feed.json">JSON Feed</a>
            <xsl:if test="$home != ''"> · <a href="{$home}">All collections</a></xsl:if>
          </p>
        </section>
        <h2>Entries</h2>
        <xsl:choose>
          <xsl:when test="$entries">
            <ol class="entries"><xsl:apply-templates select="$entries"/></ol>
          </xsl:when>
          <xsl:otherwise><p class="meta">No entries yet.</p></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$links[@rel = 'previous'] or $links[@rel = 'next']">
          <nav class="pager" aria-label="Pages">
            <xsl:if test="$links[@rel = 'previous']"><a href="{$links[@rel = 'previous']/@href}">← Newer entries</a></xsl:if>
            <xsl:if test="$links[@rel = 'next']"><a href="{$links[@rel = 'next']/@href}">Older entries →</a></xsl:if>
          </nav>
        </xsl:if>
      </main>
    </body>
  </html>
</xsl:template>

<xsl:template match="item">
  <li>
    <h3><xsl:call-template name="maybe-link">
      <xsl:with-param name="href" select="string(link)"/>
      <xsl:with-param name="text" select="string(title)"/>
    </xsl:call-template></h3>
    <p class="meta">
      <!-- RFC 822 as Date.toUTCString writes it: "Fri, 01 Mar 2024 15:00:00 GMT". -->
      <xsl:value-of select="concat(substring(pubDate, 6, 17), ' UTC')"/>
      <xsl:call-template name="sources"><xsl:with-param name="sources" select="source | atom:link[@rel = 'via']"/></xsl:call-template>
    </p>
  </li>
</xsl:template>

<xsl:template match="atom:entry">
  <xsl:variable name="date" select="string(atom:published | atom:updated[not(../atom:published)])"/>
  <li>
    <h3><xsl:call-template name="maybe-link">
      <xsl:with-param name="href" select="string(atom:link[@rel = 'alternate' or not(@rel)][1]/@href)"/>
      <xsl:with-param name="text">
        <xsl:choose>
          <xsl:when test="atom:title/@type = 'html'">
            <xsl:call-template name="html-to-text"><xsl:with-param name="html" select="string(atom:title)"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="atom:title"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template></h3>
    <p class="meta">
      <!-- RFC 3339 as Date.toISOString writes it, shown like the RSS dates: "01 Mar 2024 15:00 UTC". -->
      <xsl:value-of select="concat(substring($date, 9, 2), ' ', substring('JanFebMarAprMayJunJulAugSepOctNovDec', substring($date, 6, 2) * 3 - 2, 3), ' ', substring($date, 1, 4), ' ', substring($date, 12, 5), ' UTC')"/>
      <xsl:call-template name="sources"><xsl:with-param name="sources" select="atom:source | atom:link[@rel = 'via']"/></xsl:call-template>
    </p>
  </li>
</xsl:template>

<xsl:template name="maybe-link">
  <xsl:param name="href"/>
  <xsl:param name="text"/>
  <xsl:choose>
    <xsl:when test="starts-with($href, 'https://') or starts-with($href, 'http://')"><a href="{$href}"><xsl:value-of select="$text"/></a></xsl:when>
    <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="sources">
  <xsl:param name="sources"/>
  <xsl:if test="$sources">
    <xsl:text> · from </xsl:text>
    <xsl:for-each select="$sources">
      <xsl:if test="position() > 1">, </xsl:if>
      <xsl:apply-templates select="." mode="source-name"/>
    </xsl:for-each>
  </xsl:if>
</xsl:template>

<xsl:template match="source" mode="source-name"><xsl:value-of select="."/></xsl:template>
<xsl:template match="atom:source" mode="source-name">
  <xsl:value-of select="atom:title | atom:id[not(../atom:title)]"/>
</xsl:template>
<xsl:template match="atom:link" mode="source-name">
  <xsl:value-of select="@title | @href[not(../@title)]"/>
</xsl:template>

<!-- An Atom type="html" title as text: renderAtom writes plain text HTML-escaped, so undoing those
     escapes is all it takes; the result is written as text, never as markup. -->
<xsl:template name="html-to-text">
  <xsl:param name="html"/>
  <xsl:choose>
    <xsl:when test="contains($html, '&amp;')">
      <xsl:value-of select="substring-before($html, '&amp;')"/>
      <xsl:variable name="rest" select="substring-after($html, '&amp;')"/>
      <xsl:variable name="entity" select="substring-before($rest, ';')"/>
      <xsl:choose>
        <xsl:when test="$entity = 'amp'">&amp;</xsl:when>
        <xsl:when test="$entity = 'lt'">&lt;</xsl:when>
        <xsl:when test="$entity = 'gt'">&gt;</xsl:when>
        <xsl:when test="$entity = 'quot'">"</xsl:when>
        <xsl:when test="$entity = '#39'">'</xsl:when>
        <xsl:when test="$entity = '#13'"><xsl:text> </xsl:text></xsl:when>
        <xsl:otherwise>&amp;</xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="html-to-text">
        <xsl:with-param name="html">
          <xsl:choose>
            <xsl:when test="$entity = 'amp' or $entity = 'lt' or $entity = 'gt' or $entity = 'quot' or $entity = '#39' or $entity = '#13'">
              <xsl:value-of select="substring-after($rest, ';')"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$html"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>
</xsl:stylesheet>
`
