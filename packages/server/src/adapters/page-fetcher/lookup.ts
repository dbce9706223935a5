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

/**
 * The lookup a connection makes: the addresses it returns are the ones the socket connects to, so
 * refusing internal ones here leaves no second resolution a rebinding name could answer differently.
 */
export function guardedLookup(resolve: Resolver, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const blocked = allowPrivate ? undefined : found.find((entry) => isInternalAddress(entry.address));
        if (blocked) return callback(new InternalAddressError(internalRefusal(hostname, blocked.address)), '', 0);
        const usable = options.family ? found.filter((entry) => entry.family === options.family) : found;
        if (usable.length === 0) return callback(Object.assign(new Error(`Aucune adresse pour ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, usable);
        return callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
