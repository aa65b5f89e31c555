// Every field the parse stage calls "HTML" must really be HTML. `lineBreaks` is for JSON Feed
// `content_text`, often a microblog post whose line breaks matter.
/** Returns plain text escaped as HTML, with newlines as `<br>` when `lineBreaks` is set. Never throws. */
export function textToHtml(text: string, options: { lineBreaks: boolean }): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
  return options.lineBreaks ? escaped.replace(/\r\n?|\n/g, '<br>') : escaped
}
