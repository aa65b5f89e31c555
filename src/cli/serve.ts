import type { Command } from 'commander'

/**
 * Registers `tributary serve` (HTTP plus scheduler) and `tributary worker` (scheduler only, PostgreSQL).
 * The server, scheduler and their libraries (fastify among them) load only when one of them runs.
 */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and merged feeds, and fetch feeds on schedule')
    .option('--port <n>', 'listen on this port (PORT)')
    .option('--host <host>', 'listen on this address (HOST)')
    .option('--no-scheduler', 'serve HTTP only; leave fetching to workers')
    .option('--seed <file.opml>', 'subscribe the feeds of this OPML file if there are no feeds yet')
    .action(async (options: { port?: string; host?: string; scheduler: boolean; seed?: string }) => {
      const { runServe } = await import('./run-serve.js')
      await runServe(options)
    })

  program
    .command('worker')
    .description('fetch feeds on schedule without serving HTTP (PostgreSQL only; run as many as you like)')
    .option('--drain', 'fetch the feeds due now, sharing them with other workers, then exit')
    .action(async (options: { drain?: boolean }) => {
      const { runWorker } = await import('./run-serve.js')
      await runWorker(options)
    })
}
