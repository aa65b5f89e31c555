/**
 * Progress of a long command on stderr: one line rewritten in place on a terminal, plain lines
 * (at most one a second) otherwise, so logs and CI output stay readable.
 */
export class Progress {
  readonly #tty: boolean
  #lastPlainAt = 0
  #shown = false

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#tty = stream.isTTY === true
  }

  /** Shows the current state, e.g. "fetched 120/500 feeds". */
  update(text: string): void {
    if (this.#tty) {
      process.stderr.write(`\r\x1b[2K${text}`)
      this.#shown = true
      return
    }
    const now = Date.now()
    if (now - this.#lastPlainAt < 1000) return
    this.#lastPlainAt = now
    process.stderr.write(`${text}\n`)
  }

  /** Ends the progress line so normal output can follow. */
  done(): void {
    if (this.#tty && this.#shown) process.stderr.write('\r\x1b[2K')
    this.#shown = false
  }
}
