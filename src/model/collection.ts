/** A named, filtered set of feeds published as one merged feed. */
export interface Collection {
  readonly id: number
  readonly name: string
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
  /** Number of member feeds ("all" counts every feed). */
  readonly feedCount: number
}

/** The collection that always exists and holds every feed. */
export const ALL_COLLECTION = 'all'
