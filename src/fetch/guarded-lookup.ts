import { lookup as dnsLookup } from 'node:dns'
import type { LookupAddress, LookupAllOptions } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { isPublicAddress } from './is-public-address.js'

/** A host resolved only to addresses the private-network guard refuses; fetch reports it as fetch_blocked_address. */
export class BlockedAddressError extends Error {
  constructor(hostname: string, addresses: readonly string[]) {
    super(`${hostname} resolves only to blocked addresses (${addresses.join(', ')})`)
    this.name = 'BlockedAddressError'
  }
}

/** The shape of dns.lookup called with `all: true`. */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void

/**
 * Returns a socket `lookup` that resolves like dns.lookup but keeps only public addresses, and fails
 * with BlockedAddressError when none is left. Never throws.
 *
 * The guard lives in the socket's own DNS step, so the address judged is the address connected to:
 * a name that resolves to a public address for a pre-check and to 127.0.0.1 a moment later
 * (DNS rebinding) cannot slip through. Private addresses are dropped rather than failing the whole
 * name, so a host that also lists a private record still works over its public ones.
 */
export function createGuardedLookup(resolveAll: ResolveAll = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, { ...options, all: true }, (err, addresses) => {
      if (err !== null) {
        callback(err, [])
        return
      }
      const allowed = addresses.filter((entry) => isPublicAddress(entry.address))
      const [first] = allowed
      if (first === undefined) {
        callback(
          new BlockedAddressError(
            hostname,
            addresses.map((entry) => entry.address),
          ),
          [],
        )
        return
      }
      if (options.all === true) callback(null, allowed)
      else callback(null, first.address, first.family)
    })
  }
}
