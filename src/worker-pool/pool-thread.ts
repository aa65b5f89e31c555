// The module each pool thread loads (piscina calls its default export once per task).
import { runDocumentTask } from './document-task.js'

export default runDocumentTask
