import sax from 'sax'

// XML 1.0 §2.3 Name, restricted to what sax lets through: no markup characters, no leading digit.
const NAME = /^[^\s<>&"'=/!?\d.-][^\s<>&"'=/!?]*$/

// How a strict parser (sax, as xml2js and so rss-parser use it) recovers once told to resume after
// each error: a close tag for an open ancestor closes the elements in between, an unmatched close
// tag is dropped (sax would keep it as text; HTML parsers ignore it too), an unknown entity stays literal, an unquoted or valueless attribute is kept,
// and at the end of a truncated document the open elements are closed here. Text outside the root,
// comments and processing instructions are dropped. Element and attribute names keep their case,
// which sax's loose mode would not.
/** Returns a well-formed rewrite of broken XML, keeping every element and text a strict parser could read. Never throws. */
export function recoverXml(text: string): string {
  const parser = sax.parser(true, { trim: false, normalize: false })
  const out: string[] = []
  // null stands for an element whose name sax let through but XML does not allow: it is left out.
  const open: (string | null)[] = []
  let rootClosed = false
  const strayCloseTags: string[] = []
  parser.onerror = (err) => {
    const stray = /^Unmatched closing tag: (\S+)/.exec(err.message)?.[1]
    if (stray !== undefined) strayCloseTags.push(`</${stray}>`)
    parser.resume()
  }
  parser.onopentag = (tag) => {
    if (rootClosed) return
    const name = NAME.test(tag.name) ? tag.name : null
    open.push(name)
    if (name === null) return
    let attributes = ''
    for (const [attribute, value] of Object.entries(tag.attributes)) {
      if (NAME.test(attribute)) attributes += ` ${attribute}="${escapeAttribute(String(value))}"`
    }
    out.push(`<${name}${attributes}>`)
  }
  parser.onclosetag = () => {
    if (rootClosed || open.length === 0) return
    const name = open.pop()
    if (name !== null && name !== undefined) out.push(`</${name}>`)
    rootClosed = open.length === 0
  }
  parser.ontext = (value) => {
    let text = value
    // sax appended each stray close tag to the text it emits next.
    for (const tag of strayCloseTags.splice(0)) text = text.replace(tag, '')
    if (open.length > 0) out.push(escapeText(text))
  }
  parser.oncdata = (value) => {
    if (open.length > 0) out.push(escapeText(value))
  }
  parser.write(text).close()
  for (const name of open.reverse()) if (name !== null) out.push(`</${name}>`)
  return out.join('')
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;')
}
