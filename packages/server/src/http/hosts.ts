import type { NextFunction, Request, Response } from 'express';

/** A Host header: a name, an IPv4 address or a bracketed IPv6 address, then an optional port. Nothing else (no user info). */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

const bracketed = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/** The address a socket reports, as it appears in a Host header (an IPv4-mapped IPv6 address as plain IPv4). */
const asHostName = (address: string | undefined): string | undefined =>
  address === undefined ? undefined : bracketed(address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1'));

export type HostPolicy = {
  /** The address the server was told to bind (HOST). */
  readonly bound: string;
  /** Names the user trusts on any port (ALLOWED_HOSTS), e.g. behind a reverse proxy. */
  readonly allowedHosts: readonly string[];
};

type Connection = { readonly localAddress?: string; readonly localPort?: number };

/**
 * Whether a Host header names Veille itself. A page on a rebinding domain reaches this server with
 * its own name in Host, so only Veille's addresses on the port the request came in on, and the
 * names the user listed, pass. The connection's own local address passes too: a DNS name can never
 * put an address literal in Host.
 */
export function isVeilleHost(header: string | undefined, policy: HostPolicy, connection: Connection): boolean {
  const match = HOST_HEADER.exec((header ?? '').toLowerCase());
  if (!match) return false;
  const [, name, port] = match;
  if (policy.allowedHosts.includes(name)) return true;
  if (Number(port ?? 80) !== connection.localPort) return false;
  return LOOPBACK_NAMES.has(name) || name === asHostName(policy.bound) || name === asHostName(connection.localAddress);
}

export function veilleHostOnly(policy: HostPolicy) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (isVeilleHost(request.header('host'), policy, request.socket)) return next();
    response.status(403).json({ error: 'Hôte refusé : Veille ne répond qu’à son adresse (voir ALLOWED_HOSTS).' });
  };
}
