import type { Item } from '../../src/model/index.js'

/** An Item with every field the caller leaves out empty; the one place to follow when Item grows. */
export function buildItem(fields: Partial<Item> & Pick<Item, 'title'>): Item {
  return {
    guid: null,
    guidIsPermaLink: null,
    url: null,
    links: [],
    author: null,
    authors: [],
    summary: null,
    contentHtml: null,
    publishedAt: null,
    updatedAt: null,
    categories: [],
    enclosures: [],
    image: null,
    source: null,
    ...fields,
  }
}
