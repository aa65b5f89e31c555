const DAY_MS = 24 * 60 * 60 * 1000

// Placeholders, not dates: Unix time 0 and the zero values of Go (0001-01-01) and .NET print as
// dates at or before 1970-01-01, in any time zone up to a day off.
const EARLIEST_MS = Date.UTC(1970, 0, 2)

// Future-date policy: a date more than one day after `now` (the slack absorbs time-zone mistakes,
// up to ±14 h, and clock skew) is a scheduling or typing error and counts as absent. It is not
// clamped to `now`: `now` moves on every refresh, which would make the item look edited each
// time, whereas null lets storage keep the first-seen time, which is stable. Once the date has
// passed, a later refresh records it.
/** Returns the date when it is believable as a publication or edit time, else null. Never throws. */
export function plausibleDate(date: Date | null, now: Date): Date | null {
  if (date === null) return null
  const time = date.getTime()
  return time >= EARLIEST_MS && time <= now.getTime() + DAY_MS ? date : null
}
