/** Returns a `<time>` element for a moment, shown and machine-readable in UTC. */
export function timeTag(date: Date): string {
  const iso = date.toISOString()
  return `<time datetime="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC</time>`
}
