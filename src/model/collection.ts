/** What a user sets on a collection; everything but the name can be changed later. */
export interface CollectionSettings {
  readonly title: string | null
  readonly description: string | null
  /** Words or phrases; an item must contain one of them (when any are set). */
  readonly includeTerms: readonly string[]
  /** Words or phrases; an item containing any of them is left out. */
  readonly excludeTerms: readonly string[]
  /** False: copies grouped only by similar text are shown as entries of their own. */
  readonly mergeNearDuplicates: boolean
  /** Feed ids, most preferred first: a story is represented by the copy of the first of them it has. */
  readonly sourcePriority: readonly number[]
  /** Stories published longer ago than this are left out; null keeps every age. */
  readonly maxAgeSeconds: number | null
  /** At most this many stories a day (UTC) from one source, its newest; null for no cap. */
  readonly perSourceCap: number | null
}

/** A named, filtered set of feeds published as one merged feed. */
export interface Collection extends CollectionSettings {
  readonly id: number
  readonly name: string
  /** Number of member feeds ("all" counts every feed). */
  readonly feedCount: number
}

/** The collection that always exists and holds every feed. */
export const ALL_COLLECTION = 'all'
