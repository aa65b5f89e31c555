import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPublicAddress } from '../../src/fetch/is-public-address.js'

const BLOCKED: readonly (readonly [string, string])[] = [
  ['this network', '0.0.0.0'],
  ['this network, upper end', '0.255.255.255'],
  ['private 10/8', '10.1.2.3'],
  ['carrier-grade NAT, first', '100.64.0.0'],
  ['carrier-grade NAT, last', '100.127.255.255'],
  ['loopback', '127.0.0.1'],
  ['loopback, elsewhere in 127/8', '127.200.1.1'],
  ['link-local', '169.254.1.1'],
  ['cloud metadata', '169.254.169.254'],
  ['private 172.16/12, first', '172.16.0.1'],
  ['private 172.16/12, last', '172.31.255.255'],
  ['IETF protocol assignments', '192.0.0.170'],
  ['TEST-NET-1', '192.0.2.1'],
  ['6to4 relay anycast', '192.88.99.1'],
  ['private 192.168/16', '192.168.1.1'],
  ['benchmarking', '198.19.255.255'],
  ['TEST-NET-2', '198.51.100.7'],
  ['TEST-NET-3', '203.0.113.9'],
  ['multicast', '224.0.0.1'],
  ['multicast, last', '239.255.255.255'],
  ['reserved', '240.0.0.1'],
  ['broadcast', '255.255.255.255'],
  ['IPv6 unspecified', '::'],
  ['IPv6 loopback', '::1'],
  ['IPv6 loopback, expanded', '0:0:0:0:0:0:0:1'],
  ['IPv4-mapped loopback, dotted', '::ffff:127.0.0.1'],
  ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
  ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
  ['IPv4-compatible (deprecated)', '::8.8.8.8'],
  ['NAT64 to private', '64:ff9b::10.0.0.1'],
  ['NAT64 local-use prefix', '64:ff9b:1::8.8.8.8'],
  ['discard-only', '100::1'],
  ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['IETF protocol assignments v6', '2001:2::1'],
  ['documentation 2001:db8::/32', '2001:db8::1'],
  ['documentation 3fff::/20', '3fff:fff::1'],
  ['6to4 wrapping a private IPv4', '2002:c0a8:101::1'],
  ['unique local fc00::/7', 'fc00::1'],
  ['unique local fd00::/8', 'fd12:3456:789a::1'],
  ['link-local', 'fe80::1'],
  ['link-local with zone', 'fe80::1%eth0'],
  ['site-local (deprecated)', 'fec0::1'],
  ['multicast v6', 'ff02::1'],
  ['not an IP', 'example.com'],
  ['empty string', ''],
  ['bracketed IPv6 is not an address', '[2606:4700::1]'],
  ['shorthand IPv4 is not an address', '127.1'],
]

const PUBLIC: readonly (readonly [string, string])[] = [
  ['public IPv4', '93.184.216.34'],
  ['just below 10/8', '9.255.255.255'],
  ['just above 10/8', '11.0.0.0'],
  ['just below CGNAT', '100.63.255.255'],
  ['just above CGNAT', '100.128.0.0'],
  ['just below 172.16/12', '172.15.255.255'],
  ['just above 172.16/12', '172.32.0.0'],
  ['192.0.1.x is not special', '192.0.1.1'],
  ['last address before multicast', '223.255.255.255'],
  ['public DNS', '8.8.8.8'],
  ['global unicast v6', '2606:4700:4700::1111'],
  ['global unicast v6, expanded', '2a00:1450:4001:0830:0000:0000:0000:200e'],
  ['IPv4-mapped public', '::ffff:8.8.8.8'],
  ['NAT64 to public', '64:ff9b::8.8.8.8'],
  ['6to4 wrapping a public IPv4', '2002:808:808::1'],
  ['just after IETF 2001::/23', '2001:200::1'],
  ['just below 3fff::/20', '3ffe:ffff::1'],
  ['just after 3fff::/20', '3fff:1000::1'],
]

const octet = fc.integer({ min: 0, max: 255 })
const hextet = fc.integer({ min: 0, max: 0xffff })
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'))
const hex = (n: number): string => n.toString(16)

describe('isPublicAddress', () => {
  it.each(BLOCKED)('refuses %s (%s)', (_name, address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each(PUBLIC)('allows %s (%s)', (_name, address) => {
    expect(isPublicAddress(address)).toBe(true)
  })

  it('judges an IPv4-mapped IPv6 address, dotted or hex, as its IPv4 address', () => {
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), ([a, b, c, d]) => {
        const v4 = `${a}.${b}.${c}.${d}`
        const verdict = isPublicAddress(v4)
        expect(isPublicAddress(`::ffff:${v4}`)).toBe(verdict)
        expect(isPublicAddress(`::ffff:${hex(a * 256 + b)}:${hex(c * 256 + d)}`)).toBe(verdict)
        expect(isPublicAddress(`64:ff9b::${v4}`)).toBe(verdict)
      }),
    )
  })

  it('refuses every address of the private, loopback, link-local and CGNAT IPv4 ranges', () => {
    const inRange = fc.oneof(
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `127.${b}.${c}.${d}`),
      fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([b, c, d]) => `172.${b}.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `169.254.${c}.${d}`),
      fc.tuple(fc.integer({ min: 64, max: 127 }), octet, octet).map(([b, c, d]) => `100.${b}.${c}.${d}`),
      fc.tuple(fc.integer({ min: 224, max: 255 }), octet, octet, octet).map((parts) => parts.join('.')),
    )
    fc.assert(fc.property(inRange, (address) => !isPublicAddress(address)))
  })

  it('refuses every IPv6 address outside global unicast 2000::/3', () => {
    const outside = fc
      .tuple(hextet.filter((first) => first < 0x2000 || first >= 0x4000), fc.array(hextet, { minLength: 7, maxLength: 7 }))
      .map(([first, rest]) => [first, ...rest].map(hex).join(':'))
      // The IPv4-carrying forms below 2000::/3 are judged by their IPv4 address instead.
      .filter((address) => !/^0:0:0:0:0:ffff:|^64:ff9b:0:0:0:0:/.test(address))
    fc.assert(fc.property(outside, (address) => !isPublicAddress(address)))
  })

  it('gives the same verdict for the compressed and the full form of an IPv6 address', () => {
    fc.assert(
      fc.property(fc.array(hextet, { minLength: 8, maxLength: 8 }), (groups) => {
        const full = groups.map(hex).join(':')
        const compressed = new URL(`http://[${full}]/`).hostname.slice(1, -1)
        expect(isPublicAddress(compressed)).toBe(isPublicAddress(full))
      }),
    )
  })

  it('never throws, whatever the string', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), ipv4), (input) => typeof isPublicAddress(input) === 'boolean'))
  })
})
