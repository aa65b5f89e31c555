/** One wire story, as several outlets carry it: four paragraphs of plain text. */
export const WIRE = [
  'Heavy rain overnight pushed the Aldwater river over its banks near the old stone bridge, and the county closed the crossing to traffic early on Monday morning.',
  'Engineers from the highways department inspected the piers at first light and found water scouring the foundations on the northern side of the span.',
  'Commuters were sent on a twelve mile detour through Harrow End, and the regional bus company said services would run up to forty minutes late for the rest of the week.',
  'The council leader said the bridge would stay shut until divers could check the riverbed, which could take several days if the water keeps rising.',
]

/** The wire story's headline. */
export const WIRE_TITLE = 'Aldwater flood closes old stone bridge'

/** Paragraphs as HTML content, one `<p>` each. */
export function paragraphsHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((p) => `<p>${p}</p>`).join('')
}
