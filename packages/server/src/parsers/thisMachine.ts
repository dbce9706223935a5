import { isIP } from 'node:net';
import os from 'node:os';

/**
 * Whether a URL's host names this machine: loopback, its own name, or one of its interface addresses.
 * Demo links only ever point here, at the server that seeded them.
 */
export function isThisMachine(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === os.hostname().toLowerCase()) return true;
  if (isIP(host) === 4 && host.startsWith('127.')) return true;
  if (host === '::1') return true;
  return Object.values(os.networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .some((entry) => entry.address.toLowerCase() === host);
}
