import { availableParallelism } from 'node:os'
import path from 'node:path'
import { validate as isValidCron } from 'node-cron'
import { ConfigError } from './errors.js'

/** Everything Tributary can be configured with, validated and frozen. */
export interface Config {
  /** `postgres://…` selects a PostgreSQL server; null selects the embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | null
  /** Absolute path of the embedded database folder. */
  readonly dataDir: string
  readonly port: number
  readonly host: string
  /** Base URL for self links in published feeds, without a trailing slash. */
  readonly publicUrl: string
  /** Cache-Control max-age of published feeds: how long readers and proxies may reuse a copy. */
  readonly feedMaxAgeSeconds: number
  /** Bearer token for write endpoints; null turns the write API off. */
  readonly adminToken: string | null
  readonly allowPrivateNetworks: boolean
  readonly fetchTimeoutMs: number
  readonly connectTimeoutMs: number
  readonly headersTimeoutMs: number
  readonly maxFeedBytes: number
  readonly fetchConcurrency: number
  readonly fetchPerHostConcurrency: number
  /** Deadline of the CPU stages (parse, normalize, fingerprints) of one document on its worker thread. */
  readonly parseTimeoutMs: number
  /** Worker threads for those stages. */
  readonly parseThreads: number
  /** An item's content HTML beyond this many bytes is cut at an element boundary. */
  readonly maxContentBytes: number
  readonly userAgent: string
  /** node-cron expression that wakes the refresh job. */
  readonly refreshCron: string
  /** How long to wait before refetching a healthy feed that gave no hint of its own. */
  readonly defaultIntervalSeconds: number
  /** Bounds on the interval between two fetches of one feed, whatever the server or feed asks for. */
  readonly minIntervalSeconds: number
  readonly maxIntervalSeconds: number
  /** How many fetches in a row must see the same permanent redirect before the stored URL changes. */
  readonly redirectConfirmations: number
  /** Items older than this many days are pruned; 0 keeps them forever. */
  readonly retentionDays: number
  /** Beyond this many newest items per feed, older ones are pruned; 0 keeps them all. */
  readonly retentionMaxItemsPerFeed: number
  /** node-cron expression for the scheduled prune. */
  readonly pruneCron: string
  /** PostgreSQL text search configuration for full-text search (`english`, `german`, `simple`, …). */
  readonly searchLanguage: string
  /** Characters of each item's content HTML indexed for search besides its title and summary. */
  readonly searchContentChars: number
  /** WebSub hub announced in published feeds and pinged when a collection changes; null: no push. */
  readonly websubHub: string | null
  /** Icon URL of published feeds (Atom icon, RSS image, JSON Feed icon); null: none. */
  readonly feedIconUrl: string | null
  /** How long a worker's claim on a feed lasts; after it, another worker may take the feed (a crashed worker's). */
  readonly leaseSeconds: number
  /** On SIGTERM, how long fetches in flight may take to finish before their leases are released anyway. */
  readonly shutdownGraceSeconds: number
  /** Null lets each command pick its default: info for long-running ones, warn for one-shot commands. */
  readonly logLevel: string | null
}

/** Values given on the command line; each one overrides its environment variable. */
export interface ConfigFlags {
  readonly port?: string | number
  readonly host?: string
}

type Env = Readonly<Record<string, string | undefined>>

const MIB = 1024 * 1024

/** Builds the Config from the environment and CLI flags; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env, flags: ConfigFlags = {}, cwd = process.cwd()): Config {
  const host = str(flags.host) ?? str(env.HOST) ?? '127.0.0.1'
  const port = flags.port !== undefined
    ? int('--port', String(flags.port), 1, 65_535)
    : intVar(env, 'PORT', 8080, 0, 65_535)
  const databaseUrl = str(env.DATABASE_URL) ?? null
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL: must start with postgres:// or postgresql://')
  }
  const publicUrl = (str(env.TRIBUTARY_PUBLIC_URL) ?? `http://${hostForUrl(host)}:${port}`).replace(/\/+$/, '')
  if (!isHttpUrl(publicUrl)) {
    throw new ConfigError(`TRIBUTARY_PUBLIC_URL: not an http(s) URL: ${publicUrl}`)
  }
  const refreshCron = cronVar(env, 'TRIBUTARY_REFRESH_CRON', '* * * * *')
  const fetchTimeoutMs = intVar(env, 'TRIBUTARY_FETCH_TIMEOUT_MS', 30_000, 100, 600_000)
  const leaseSeconds = intVar(env, 'TRIBUTARY_LEASE_SECONDS', 300, 10, 86_400)
  // A lease shorter than a fetch could expire while the fetch runs and let a second worker take the feed.
  if (leaseSeconds * 1000 < 2 * fetchTimeoutMs) {
    throw new ConfigError(`TRIBUTARY_LEASE_SECONDS: must be at least twice the fetch timeout (${Math.ceil((2 * fetchTimeoutMs) / 1000)} s), got ${leaseSeconds}`)
  }
  const minIntervalSeconds = intVar(env, 'TRIBUTARY_MIN_INTERVAL_SECONDS', 300, 60, 86_400)
  const maxIntervalSeconds = intVar(env, 'TRIBUTARY_MAX_INTERVAL_SECONDS', 86_400, 300, 30 * 86_400)
  if (maxIntervalSeconds < minIntervalSeconds) {
    throw new ConfigError(`TRIBUTARY_MAX_INTERVAL_SECONDS: ${maxIntervalSeconds} is below TRIBUTARY_MIN_INTERVAL_SECONDS (${minIntervalSeconds})`)
  }
  const defaultIntervalSeconds = intVar(env, 'TRIBUTARY_DEFAULT_INTERVAL_SECONDS', 3600, minIntervalSeconds, maxIntervalSeconds)
  return Object.freeze({
    databaseUrl,
    dataDir: path.resolve(cwd, str(env.TRIBUTARY_DATA_DIR) ?? './data'),
    port,
    host,
    publicUrl,
    adminToken: str(env.TRIBUTARY_ADMIN_TOKEN) ?? null,
    feedMaxAgeSeconds: intVar(env, 'TRIBUTARY_FEED_MAX_AGE_SECONDS', 300, 0, 86_400),
    allowPrivateNetworks: bool(env, 'TRIBUTARY_ALLOW_PRIVATE_NETWORKS', false),
    fetchTimeoutMs,
    connectTimeoutMs: intVar(env, 'TRIBUTARY_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000),
    headersTimeoutMs: intVar(env, 'TRIBUTARY_HEADERS_TIMEOUT_MS', 20_000, 100, 600_000),
    maxFeedBytes: intVar(env, 'TRIBUTARY_MAX_FEED_BYTES', 16 * MIB, 1024, 1024 * MIB),
    fetchConcurrency: intVar(env, 'TRIBUTARY_FETCH_CONCURRENCY', 16, 1, 1000),
    fetchPerHostConcurrency: intVar(env, 'TRIBUTARY_FETCH_PER_HOST', 2, 1, 100),
    parseTimeoutMs: intVar(env, 'TRIBUTARY_PARSE_TIMEOUT_MS', 10_000, 10, 600_000),
    parseThreads: intVar(env, 'TRIBUTARY_PARSE_THREADS', availableParallelism(), 1, 256),
    maxContentBytes: intVar(env, 'TRIBUTARY_MAX_CONTENT_BYTES', MIB, 1024, 64 * MIB),
    userAgent: str(env.TRIBUTARY_USER_AGENT) ?? DEFAULT_USER_AGENT,
    refreshCron,
    defaultIntervalSeconds,
    minIntervalSeconds,
    maxIntervalSeconds,
    redirectConfirmations: intVar(env, 'TRIBUTARY_REDIRECT_CONFIRMATIONS', 3, 1, 100),
    retentionDays: intVar(env, 'TRIBUTARY_RETENTION_DAYS', 0, 0, 36_500),
    retentionMaxItemsPerFeed: intVar(env, 'TRIBUTARY_RETENTION_MAX_ITEMS_PER_FEED', 0, 0, 10_000_000),
    pruneCron: cronVar(env, 'TRIBUTARY_PRUNE_CRON', '17 3 * * *'),
    searchLanguage: searchLanguage(env),
    // A tsvector over 1 MB is an error; 200,000 characters stay well below it.
    searchContentChars: intVar(env, 'TRIBUTARY_SEARCH_CONTENT_CHARS', 1000, 0, 200_000),
    websubHub: urlVar(env, 'TRIBUTARY_WEBSUB_HUB'),
    feedIconUrl: urlVar(env, 'TRIBUTARY_FEED_ICON_URL'),
    leaseSeconds,
    shutdownGraceSeconds: intVar(env, 'TRIBUTARY_SHUTDOWN_GRACE_SECONDS', 30, 0, 3600),
    logLevel: oneOf(env, 'TRIBUTARY_LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], null),
  })
}

/** The User-Agent sent with every fetch unless TRIBUTARY_USER_AGENT replaces it. */
export const DEFAULT_USER_AGENT = 'Tributary/0.1 (+https://github.com/tributary-feeds/tributary; feed aggregator)'

function str(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined
  const trimmed = String(value).trim()
  return trimmed === '' ? undefined : trimmed
}

function urlVar(env: Env, name: string): string | null {
  const raw = str(env[name])
  if (raw === undefined) return null
  if (!isHttpUrl(raw)) throw new ConfigError(`${name}: not an http(s) URL: ${raw}`)
  return raw
}

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env[name])
  return raw === undefined ? fallback : int(name, raw, min, max)
}

function int(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name}: expected a whole number, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(`${name}: ${value} is out of range ${min}..${max}`)
  return value
}

const TRUE = new Set(['true', '1', 'yes'])
const FALSE = new Set(['false', '0', 'no'])

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env[name])?.toLowerCase()
  if (raw === undefined) return fallback
  if (TRUE.has(raw)) return true
  if (FALSE.has(raw)) return false
  throw new ConfigError(`${name}: expected true/false, 1/0 or yes/no, got "${raw}"`)
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T | null): T | null {
  const raw = str(env[name])
  if (raw === undefined) return fallback
  if ((allowed as readonly string[]).includes(raw)) return raw as T
  throw new ConfigError(`${name}: expected one of ${allowed.join(', ')}, got "${raw}"`)
}

function cronVar(env: Env, name: string, fallback: string): string {
  const value = str(env[name]) ?? fallback
  if (!isValidCron(value)) throw new ConfigError(`${name}: not a cron expression: "${value}"`)
  return value
}

function searchLanguage(env: Env): string {
  const value = str(env.TRIBUTARY_SEARCH_LANGUAGE) ?? 'english'
  if (!/^[a-z_]{1,63}$/.test(value)) throw new ConfigError(`TRIBUTARY_SEARCH_LANGUAGE: expected a text search configuration name like english or simple, got "${value}"`)
  return value
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}
