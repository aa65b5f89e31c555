import { pino, type Logger } from 'pino'

export type { Logger }

/** Creates the root logger; it writes JSON lines to stderr so stdout stays free for command output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: true }))
}

/** A logger that discards everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}
