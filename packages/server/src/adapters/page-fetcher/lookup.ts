import type { LookupAddress } from 'node:dns';
import { lookup as systemLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { internalRefusal, isInternalAddress } from './addresses';

/** Every address a host name has, as the system resolver gives them. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export function systemResolver(hostname: string): Promise<LookupAddress[]> {
  return systemLookup(hostname, { all: true });
}

export class InternalAddressError extends Error {}

/** A host name's addresses once checked: refused when any of them is internal, unless private addresses are allowed. */
async function checkedAddresses(resolve: Resolver, hostname: string, allowPrivate: boolean): Promise<LookupAddress[]> {
  const found = await resolve(hostname);
  const blocked = allowPrivate ? undefined : found.find((entry) => isInternalAddress(entry.address));
  if (blocked) throw new InternalAddressError(internalRefusal(hostname, blocked.address));
  if (found.length === 0) throw Object.assign(new Error(`Aucune adresse pour ${hostname}`), { code: 'ENOTFOUND' });
  return found;
}

export type AddressPins = {
  /**
   * Resolves and checks a host name before its request, and pins what it checked for the
   * connection; the returned function unpins it once the request is over.
   */
  pin(hostname: string): Promise<() => void>;
  /** The lookup a connection makes: the pinned addresses, so no second resolution can answer differently. */
  readonly lookup: LookupFunction;
};

/**
 * The address checked is the address connected to: each request resolves its host once, before
 * it waits its turn on that site (a name that does not resolve fails at once, without the polite
 * delay), and its connection is made to exactly those addresses. A connection with no pin (none is
 * expected) resolves and checks on its own.
 */
export function createAddressPins(resolve: Resolver, allowPrivate: boolean): AddressPins {
  const pinned = new Map<string, { addresses: LookupAddress[]; holders: number }>();

  const addressesOf = (hostname: string): Promise<LookupAddress[]> => {
    const pin = pinned.get(hostname);
    return pin ? Promise.resolve(pin.addresses) : checkedAddresses(resolve, hostname, allowPrivate);
  };

  return {
    pin: async (hostname) => {
      const addresses = await checkedAddresses(resolve, hostname, allowPrivate);
      const pin = pinned.get(hostname) ?? { addresses, holders: 0 };
      pin.addresses = addresses;
      pin.holders += 1;
      pinned.set(hostname, pin);
      return () => {
        pin.holders -= 1;
        if (pin.holders === 0 && pinned.get(hostname) === pin) pinned.delete(hostname);
      };
    },
    lookup: (hostname, options, callback) => {
      addressesOf(hostname).then(
        (found) => {
          const usable = options.family ? found.filter((entry) => entry.family === options.family) : found;
          if (usable.length === 0) return callback(Object.assign(new Error(`Aucune adresse pour ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
          if (options.all) return callback(null, usable);
          return callback(null, usable[0].address, usable[0].family);
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    },
  };
}
