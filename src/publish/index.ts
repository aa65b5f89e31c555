export { renderFeed } from './render-feed.js'
export { CONTENT_TYPES } from './content-types.js'
export { PublishError } from './errors.js'
export type { PublishFormat, PublishInput } from './publish-input.js'
