import type { Person } from '../model/index.js'
import { resolveInScope, scopeOf } from './xml-base.js'
import type { BaseScope } from './xml-base.js'
import { allText, childText, nodesOf, textOf, trimmed } from './xml-node.js'

// A person construct (RFC 4287 §3.2: name, uri, email; Atom 0.3 §3.2: name, url, email), unprefixed
// in Atom and `atom:`-prefixed inside RSS. A text-only element (RSS <author>, <dc:creator>, a
// broken Atom author) is kept whole as the name: normalize splits "email (Name)".
/** Returns the people named by person constructs or text elements, with home pages resolved in scope. Never throws. */
export function peopleOf(nodes: unknown, scope: BaseScope): Person[] {
  return nodesOf(nodes).flatMap((node): Person[] => {
    // A person written as markup (<author><p>Name</p></author>) still names someone.
    const name = childText(node, 'name', 'atom:name') ?? trimmed(textOf(node)) ?? trimmed(allText(node))
    const email = childText(node, 'email', 'atom:email')
    const url = childText(node, 'uri', 'atom:uri', 'url', 'atom:url', 'homepage')
    if (name === null && email === null && url === null) return []
    return [{ name, email, url: resolveInScope(url, scopeOf(node, scope)) }]
  })
}

/** Returns the display name of each person (name, else email), skipping people with neither. Never throws. */
export function displayNames(people: readonly Person[]): string[] {
  return people.flatMap((person) => {
    const name = person.name ?? person.email
    return name === null ? [] : [name]
  })
}
