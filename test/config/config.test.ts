import { availableParallelism } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_USER_AGENT, loadConfig } from '../../src/config/index.js'

describe('loadConfig', () => {
  it('applies SPEC defaults to an empty environment', () => {
    expect(loadConfig({}, {}, '/srv/app')).toEqual({
      databaseUrl: null,
      dataDir: '/srv/app/data',
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8080',
      adminToken: null,
      feedMaxAgeSeconds: 300,
      allowPrivateNetworks: false,
      fetchTimeoutMs: 30_000,
      connectTimeoutMs: 10_000,
      headersTimeoutMs: 20_000,
      maxFeedBytes: 16 * 1024 * 1024,
      fetchConcurrency: 16,
      fetchPerHostConcurrency: 2,
      parseTimeoutMs: 10_000,
      parseThreads: availableParallelism(),
      maxContentBytes: 1024 * 1024,
      userAgent: DEFAULT_USER_AGENT,
      refreshCron: '* * * * *',
      defaultIntervalSeconds: 3600,
      minIntervalSeconds: 300,
      maxIntervalSeconds: 86_400,
      redirectConfirmations: 3,
      retentionDays: 0,
      retentionMaxItemsPerFeed: 0,
      pruneCron: '17 3 * * *',
      searchLanguage: 'english',
      searchContentChars: 1000,
      websubHub: null,
      feedIconUrl: null,
      leaseSeconds: 300,
      shutdownGraceSeconds: 30,
      logLevel: null,
    })
  })

  it('lets flags override the environment and derives the public URL from them', () => {
    const config = loadConfig({ PORT: '9000', HOST: '0.0.0.0', TRIBUTARY_DATA_DIR: 'var/db' }, { port: '9100', host: '::1' }, '/srv')
    expect([config.port, config.host, config.publicUrl, config.dataDir]).toEqual([9100, '::1', 'http://[::1]:9100', path.resolve('/srv/var/db')])
  })

  it.each([
    ['true', true], ['1', true], ['yes', true], ['YES', true], ['false', false], ['0', false], ['no', false],
  ])('reads the boolean %s as %s', (raw, expected) => {
    expect(loadConfig({ TRIBUTARY_ALLOW_PRIVATE_NETWORKS: raw }).allowPrivateNetworks).toBe(expected)
  })

  it.each([
    [{ PORT: 'http' }, {}, 'PORT: expected a whole number, got "http"'],
    [{ PORT: '70000' }, {}, 'PORT: 70000 is out of range 0..65535'],
    [{}, { port: '0' }, '--port: 0 is out of range 1..65535'],
    [{ TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'maybe' }, {}, 'TRIBUTARY_ALLOW_PRIVATE_NETWORKS: expected true/false, 1/0 or yes/no, got "maybe"'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, {}, 'DATABASE_URL: must start with postgres:// or postgresql://'],
    [{ TRIBUTARY_PUBLIC_URL: 'ftp://example.com' }, {}, 'TRIBUTARY_PUBLIC_URL: not an http(s) URL: ftp://example.com'],
    [{ TRIBUTARY_FETCH_TIMEOUT_MS: '-5' }, {}, 'TRIBUTARY_FETCH_TIMEOUT_MS: expected a whole number, got "-5"'],
    [{ TRIBUTARY_MAX_FEED_BYTES: '10' }, {}, 'TRIBUTARY_MAX_FEED_BYTES: 10 is out of range 1024..1073741824'],
    [{ TRIBUTARY_REFRESH_CRON: 'every minute' }, {}, 'TRIBUTARY_REFRESH_CRON: not a cron expression: "every minute"'],
    [{ TRIBUTARY_MIN_INTERVAL_SECONDS: '7200', TRIBUTARY_MAX_INTERVAL_SECONDS: '3600' }, {}, 'TRIBUTARY_MAX_INTERVAL_SECONDS: 3600 is below TRIBUTARY_MIN_INTERVAL_SECONDS (7200)'],
    [{ TRIBUTARY_DEFAULT_INTERVAL_SECONDS: '60' }, {}, 'TRIBUTARY_DEFAULT_INTERVAL_SECONDS: 60 is out of range 300..86400'],
    [{ TRIBUTARY_WEBSUB_HUB: 'hub.example' }, {}, 'TRIBUTARY_WEBSUB_HUB: not an http(s) URL: hub.example'],
    [{ TRIBUTARY_LEASE_SECONDS: '50' }, {}, 'TRIBUTARY_LEASE_SECONDS: must be at least twice the fetch timeout (60 s), got 50'],
    [{ TRIBUTARY_PARSE_TIMEOUT_MS: '5' }, {}, 'TRIBUTARY_PARSE_TIMEOUT_MS: 5 is out of range 10..600000'],
    [{ TRIBUTARY_PARSE_THREADS: '0' }, {}, 'TRIBUTARY_PARSE_THREADS: 0 is out of range 1..256'],
    [{ TRIBUTARY_MAX_CONTENT_BYTES: '1m' }, {}, 'TRIBUTARY_MAX_CONTENT_BYTES: expected a whole number, got "1m"'],
    [{ TRIBUTARY_LOG_LEVEL: 'loud' }, {}, 'TRIBUTARY_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
  ])('rejects %j %j with "%s"', (env, flags, message) => {
    expect(() => loadConfig(env, flags)).toThrow(new ConfigError(message))
  })

  it('returns a frozen object and strips a trailing slash from the public URL', () => {
    const config = loadConfig({ TRIBUTARY_PUBLIC_URL: 'https://feeds.example.org/planet/' })
    expect(config.publicUrl).toBe('https://feeds.example.org/planet')
    expect(Object.isFrozen(config)).toBe(true)
  })
})
