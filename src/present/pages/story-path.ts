const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Returns the path of a story's page; colons stay readable, as a path segment allows them. */
export function storyPath(publicId: string): string {
  return `/stories/${encodeURIComponent(publicId).replace(/%3A/gi, ':')}`
}

/** Returns the public id a `/stories/:id` path names: the id itself (`urn:uuid:…`), or a bare uuid. */
export function storyIdFromPath(segment: string): string {
  return UUID.test(segment) ? `urn:uuid:${segment.toLowerCase()}` : segment
}
