export { parseOpml } from './parse-opml.js'
export { renderOpml } from './render-opml.js'
export { OpmlError } from './errors.js'
export type { OpmlDocument, OpmlExport, OpmlFeed, OpmlSkipped } from './opml-document.js'
