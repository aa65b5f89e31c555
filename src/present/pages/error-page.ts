import { escapeHtml } from '../html.js'
import { renderLayout } from './layout.js'

/** Renders a page that says what went wrong, for a page request answered with an error status. */
export function renderErrorPage(error: { status: number; message: string }): string {
  const heading = error.status === 404 ? 'Not found' : error.status < 500 ? 'Bad request' : 'Something went wrong'
  const body = `<h1>${heading}</h1>
<p class="message" role="alert">${escapeHtml(error.message)}</p>
<p><a href="/">Back to the collections</a></p>`
  return renderLayout({ title: `${heading} · Tributary`, section: null, body })
}
