import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const) internal.addSubnet(network, prefix, 'ipv6');

const isInternal = (address: string): boolean => {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (family === 'ipv6' && address.toLowerCase().startsWith('::ffff:')) return isInternal(address.slice(7)) || internal.check(address, 'ipv6');
  return internal.check(address, family);
};

/** Why a URL must not be fetched (a scheme other than http(s), an internal address), or undefined. */
export const refusalOf = async (url: URL, allowPrivate: boolean): Promise<string | undefined> => {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Adresse refusée : protocole ${url.protocol} non autorisé`;
  if (allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  const blocked = addresses.find(isInternal);
  return blocked ? `Adresse interne refusée (${host} → ${blocked})` : undefined;
};
