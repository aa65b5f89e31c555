export { assertStorableText, findUnstorableInput, type UnstorableInput } from './find-unstorable-input.js'
export { isStorableTime, parseIsoTime } from './parse-iso-time.js'
