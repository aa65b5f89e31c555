export { capNesting, MAX_HTML_DEPTH } from './cap-nesting.js'
export { CUT_MARKER, cutHtml } from './cut-html.js'
export { VOID_ELEMENTS } from './void-elements.js'
