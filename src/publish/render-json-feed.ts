import type { CleanEntry, CleanFeed, CleanSource } from './clean-input.js'

const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

/**
 * Renders a JSON Feed 1.1 document (feed 6 only writes version 1: no authors, attachments or
 * next_url). JSON Feed pages only forward (next_url), so the first and previous pages go in a
 * top-level `_tributary` extension, and every carrying feed is named in the `_tributary` item
 * extension; JSON Feed reserves names starting with an underscore for extensions. There is no
 * stylesheet: a browser shows JSON as it is. Throws nothing for a cleaned feed.
 */
export function renderJsonFeed(feed: CleanFeed): string {
  const document = {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.htmlUrl,
    feed_url: feed.selfUrl,
    ...(feed.description === null ? {} : { description: feed.description }),
    ...(feed.nextUrl === null ? {} : { next_url: feed.nextUrl }),
    // One configured image serves as both; JSON Feed only asks that each be square.
    ...(feed.iconUrl === null ? {} : { icon: feed.iconUrl, favicon: feed.iconUrl }),
    ...(feed.hubUrl === null ? {} : { hubs: [{ type: 'WebSub', url: feed.hubUrl }] }),
    _tributary: {
      first_url: feed.firstUrl,
      ...(feed.previousUrl === null ? {} : { previous_url: feed.previousUrl }),
    },
    items: feed.entries.map(jsonItem),
  }
  return JSON.stringify(document, null, 2)
}

function jsonItem(entry: CleanEntry): Record<string, unknown> {
  return {
    id: entry.id,
    ...(entry.url === null ? {} : { url: entry.url }),
    title: entry.title,
    // JSON Feed 1.1: an item must have content_html or content_text (or both).
    ...(entry.contentHtml === null
      ? { content_text: entry.summary ?? '' }
      : { content_html: entry.contentHtml }),
    ...(entry.summary === null ? {} : { summary: entry.summary }),
    date_published: entry.publishedAt.toISOString(),
    date_modified: entry.updatedAt.toISOString(),
    ...(entry.author === null ? {} : { authors: [{ name: entry.author }] }),
    ...(entry.categories.length === 0 ? {} : { tags: entry.categories }),
    ...(entry.enclosures.length === 0
      ? {}
      : {
          attachments: entry.enclosures.map((enclosure) => ({
            url: enclosure.url,
            // mime_type is required for every attachment in JSON Feed 1.1.
            mime_type: enclosure.type ?? 'application/octet-stream',
            ...(enclosure.length === null ? {} : { size_in_bytes: enclosure.length }),
          })),
        }),
    _tributary: {
      sources: [...(entry.source === null ? [] : [entry.source]), ...entry.otherSources].map(jsonSource),
    },
  }
}

function jsonSource(source: CleanSource): Record<string, string | null> {
  return {
    feed_url: source.feedUrl,
    title: source.title,
    home_page_url: source.siteUrl,
    url: source.itemUrl,
  }
}
