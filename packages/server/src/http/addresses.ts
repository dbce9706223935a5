import { isIP } from 'node:net';
import os from 'node:os';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

/** Where the server listens, as the user is told: the address it bound and the URLs that reach it. */
export type Listening = {
  /** A URL the server itself can always reach (loopback when it listens everywhere). */
  readonly url: string;
  readonly bound: string;
  readonly everywhere: boolean;
  readonly urls: readonly string[];
};

const unbracket = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');

/** Loopback only: `localhost`, 127.0.0.0/8, ::1 and its IPv4-mapped forms. A name is not known to be loopback. */
export function isLoopbackHost(host: string): boolean {
  const address = unbracket(host).toLowerCase();
  if (address === 'localhost') return true;
  if (isIP(address) === 4) return address.startsWith('127.');
  if (isIP(address) === 6) return address === '::1' || /^(?:0{0,4}:){0,5}:?ffff:127\./.test(address);
  return false;
}

export function isWildcardHost(host: string): boolean {
  const address = unbracket(host);
  return address === '0.0.0.0' || address === '::' || /^(?:0{0,4}:){2,7}0{0,4}$/.test(address);
}

export function urlOf(address: string, port: number): string {
  const bare = unbracket(address);
  return `http://${isIP(bare) === 6 ? `[${bare}]` : bare}:${port}`;
}

/** The interface addresses of this machine, for a server that listens on all of them. */
export function localAddresses(interfaces: Interfaces = os.networkInterfaces(), family: 'IPv4' | 'any' = 'any'): string[] {
  return Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    .filter((entry) => (family === 'any' || entry.family === family) && !(entry.family === 'IPv6' && entry.scopeid))
    .map((entry) => entry.address);
}

export function listeningOn(host: string, port: number, interfaces: Interfaces = os.networkInterfaces()): Listening {
  const everywhere = isWildcardHost(host);
  const ipv4Only = unbracket(host) === '0.0.0.0';
  return {
    url: urlOf(everywhere ? '127.0.0.1' : host, port),
    bound: `${urlOf(host, port).slice('http://'.length)}`,
    everywhere,
    urls: everywhere ? localAddresses(interfaces, ipv4Only ? 'IPv4' : 'any').map((address) => urlOf(address, port)) : [urlOf(host, port)],
  };
}

/** The startup lines, in French: never a loopback URL when that is not what was bound. */
export function describeListening({ bound, everywhere, urls }: Listening): string {
  if (!everywhere) return `Veille démarre : ouvrez ${urls[0]}`;
  return [`Veille écoute sur toutes les interfaces (${bound}) :`, ...urls.map((url) => `  ${url}`)].join('\n');
}
