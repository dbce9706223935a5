import { isIPv4, isIPv6 } from 'node:net';

type Range = readonly [network: string, prefix: number];

/** IPv4 networks that are not the public internet. Documentation ranges (203.0.113.0/24…) stay public. */
const INTERNAL_V4: readonly Range[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

/** IPv6 networks that are not the public internet; `::/96` also holds the deprecated IPv4-compatible form. */
const INTERNAL_V6: readonly Range[] = [
  ['::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

/** IPv6 forms that carry an IPv4 address, which is where the packets end up: [network, prefix, offset of the IPv4 bytes]. */
const EMBEDDING_V4: readonly (readonly [string, number, number])[] = [
  ['::ffff:0:0', 96, 12],
  ['64:ff9b::', 96, 12],
  ['2002::', 16, 2],
];

const v4Bytes = (address: string): number[] => address.split('.').map(Number);

const v6Bytes = (address: string): number[] => {
  // The URL parser writes any IPv6 form (dotted tail, upper case) as compressed hex groups.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split('::');
  const groups = (part: string | undefined): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((group) => [group >> 8, group & 0xff]);
};

const inRange = (bytes: number[], network: number[], prefix: number): boolean =>
  network.every((byte, index) => {
    const bits = Math.min(8, Math.max(0, prefix - index * 8));
    const mask = (0xff << (8 - bits)) & 0xff;
    return ((bytes[index] ^ byte) & mask) === 0;
  });

const isInternalV4 = (bytes: number[]): boolean => INTERNAL_V4.some(([network, prefix]) => inRange(bytes, v4Bytes(network), prefix));

const isInternalV6 = (bytes: number[]): boolean => {
  const embedding = EMBEDDING_V4.find(([network, prefix]) => inRange(bytes, v6Bytes(network), prefix));
  if (embedding) return isInternalV4(bytes.slice(embedding[2], embedding[2] + 4));
  return INTERNAL_V6.some(([network, prefix]) => inRange(bytes, v6Bytes(network), prefix));
};

/** Whether an IP address leads inside (this machine, a private network, link-local…). Anything not an IP address is internal. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return isInternalV4(v4Bytes(bare));
  if (isIPv6(bare)) return isInternalV6(v6Bytes(bare));
  return true;
}

export function internalRefusal(host: string, address: string): string {
  return `Adresse interne refusée (${host} → ${address})`;
}

/**
 * Why a URL must not be fetched before any connection: a scheme other than http(s), or an internal
 * IP written in the URL (a name is checked when it is resolved, on the connection itself).
 */
export function refusalOf(url: URL, allowPrivate: boolean): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Adresse refusée : protocole ${url.protocol} non autorisé`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate || !(isIPv4(host) || isIPv6(host))) return undefined;
  return isInternalAddress(host) ? internalRefusal(host, host) : undefined;
}
