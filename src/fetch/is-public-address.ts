import { isIPv4, isIPv6 } from 'node:net'

// Ranges a feed fetch must never reach: everything that is not globally routable unicast, per the
// IANA special-purpose registries (RFC 6890) and the RFCs cited per line.
const BLOCKED_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network" (RFC 791 §3.2); Linux routes a connect to 0.0.0.0 to localhost
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space, carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback (RFC 1122 §3.2.1.3)
  ['169.254.0.0', 16], // link-local (RFC 3927), home of cloud metadata at 169.254.169.254
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments (RFC 6890 §2.2.2)
  ['192.0.2.0', 24], // TEST-NET-1 documentation (RFC 5737)
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast (RFC 7526)
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking (RFC 2544)
  ['198.51.100.0', 24], // TEST-NET-2 documentation (RFC 5737)
  ['203.0.113.0', 24], // TEST-NET-3 documentation (RFC 5737)
  ['224.0.0.0', 4], // multicast (RFC 5771)
  ['240.0.0.0', 4], // reserved (RFC 1112 §4), includes limited broadcast 255.255.255.255 (RFC 919)
]

// IPv6 outside 2000::/3 is never global unicast (RFC 4291 §2.4; IANA allocates only from 2000::/3),
// which already excludes ::, ::1, fc00::/7, fe80::/10, fec0::/10, ff00::/8, 100::/64 and 64:ff9b:1::/48.
// These are the exceptions inside 2000::/3.
const BLOCKED_IPV6: readonly (readonly [string, number])[] = [
  ['2001::', 23], // IETF protocol assignments (RFC 2928), incl. Teredo 2001::/32 (RFC 4380) and ORCHID
  ['2001:db8::', 32], // documentation (RFC 3849)
  ['3fff::', 20], // documentation (RFC 9637)
]

const IPV4_RANGES = BLOCKED_IPV4.map(([base, prefix]) => [parseIPv4(base), prefix] as const)
const IPV6_RANGES = BLOCKED_IPV6.map(([base, prefix]) => [parseIPv6(base), prefix] as const)

/** Returns true when an IP address string is globally routable unicast, false for anything else. Never throws. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return isPublicIPv4(parseIPv4(address))
  // A zone index (fe80::1%eth0) only names the local interface; judge the address itself.
  const zoneStart = address.indexOf('%')
  const bare = zoneStart === -1 ? address : address.slice(0, zoneStart)
  if (!isIPv6(bare)) return false
  const value = parseIPv6(bare)
  const embedded = embeddedIPv4(value)
  if (embedded !== null) return isPublicIPv4(embedded)
  if (value >> 125n !== 1n) return false
  return !IPV6_RANGES.some(([base, prefix]) => value >> BigInt(128 - prefix) === base >> BigInt(128 - prefix))
}

function isPublicIPv4(value: number): boolean {
  return !IPV4_RANGES.some(([base, prefix]) => value >>> (32 - prefix) === base >>> (32 - prefix))
}

// IPv6 forms that carry an IPv4 destination are judged as that IPv4 address, or ::ffff:127.0.0.1
// and friends would walk straight past the IPv4 table.
function embeddedIPv4(value: bigint): number | null {
  const low32 = Number(value & 0xffffffffn)
  // IPv4-mapped ::ffff:0:0/96 (RFC 4291 §2.5.5.2): the socket connects to the IPv4 address.
  if (value >> 32n === 0xffffn) return low32
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052 §2.1): a translator forwards to the IPv4 address.
  if (value >> 32n === 0x0064ff9b_0000_0000_0000_0000n) return low32
  // 6to4 2002::/16 (RFC 3056 §2): bits 16–47 are the relay's IPv4 destination.
  if (value >> 112n === 0x2002n) return Number((value >> 80n) & 0xffffffffn)
  return null
}

// Callers pass only strings that net.isIPv4 accepted: four decimal octets.
function parseIPv4(address: string): number {
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0)
}

// Callers pass only strings that net.isIPv6 accepted, so '::' appears at most once.
function parseIPv6(address: string): bigint {
  const [head = '', tail] = address.split('::')
  const left = hextets(head)
  const right = tail === undefined ? [] : hextets(tail)
  const zeros = new Array<number>(8 - left.length - right.length).fill(0)
  return [...left, ...zeros, ...right].reduce((acc, group) => (acc << 16n) | BigInt(group), 0n)
}

function hextets(groups: string): number[] {
  if (groups === '') return []
  return groups.split(':').flatMap((group) => {
    if (!group.includes('.')) return [Number.parseInt(group, 16)]
    const v4 = parseIPv4(group)
    return [Math.floor(v4 / 0x10000), v4 % 0x10000]
  })
}
