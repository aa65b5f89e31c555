export { canonicalUrl, isSiteRoot } from './canonical-url.js'
export { identifyItems } from './item-keys.js'
