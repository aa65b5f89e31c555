// iTunes <itunes:duration>: "HH:MM:SS, H:MM:SS, MM:SS, or M:SS" or a number of seconds (Apple
// Podcasts RSS requirements); Media RSS `duration` and JSON Feed `duration_in_seconds`: seconds,
// possibly fractional. Minutes may exceed 59 when no hours are given ("75:30").
const CLOCK = /^(?:(\d+):)?(\d+):(\d{1,2})(?:[.,]\d+)?$/
const SECONDS = /^\d+(?:\.\d+)?$/

/** Returns a play time in whole seconds, or null when the text is not a positive duration. Never throws. */
export function parseDuration(text: string | null): number | null {
  const value = text?.trim() ?? ''
  let seconds: number
  const clock = CLOCK.exec(value)
  if (clock !== null) {
    const [, hours, minutes = '0', secs = '0'] = clock
    if (Number(secs) > 59 || (hours !== undefined && Number(minutes) > 59)) return null
    seconds = Number(hours ?? '0') * 3600 + Number(minutes) * 60 + Number(secs)
  } else if (SECONDS.test(value)) {
    seconds = Number(value)
  } else {
    return null
  }
  const rounded = Math.round(seconds)
  return Number.isSafeInteger(rounded) && rounded > 0 ? rounded : null
}
