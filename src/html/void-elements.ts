/** HTML §13.1.2 void elements: they have no end tag and no content (a `</br>` would be read as another `<br>`). */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
])
