/**
 * The simulated internet, run inside the test's network namespace: a stub DNS server on
 * 127.0.0.1:53, a job board on 203.0.113.10:80, and a server on this machine's loopback that
 * must never be reached. Each request and DNS question is reported as a JSON line on stdout.
 */
import { createSocket } from 'node:dgram';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DESCRIPTION_WORDS, INSIDE_TARGET, NAMES, PUBLIC_ADDRESS, SECRET_WORDS, URLS } from './scenario';

const report = (line: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

const TYPE_A = 1;
let rebindingAnswers = 0;

/** The A records each name answers, asked for the nth time; undefined: no such name. */
const addressesOf = (name: string): string[] | undefined => {
  if (name === NAMES.board) return [PUBLIC_ADDRESS];
  if (name === NAMES.internal) return ['10.0.0.1'];
  if (name === NAMES.rebinding) return [(rebindingAnswers += 1) === 1 ? PUBLIC_ADDRESS : '127.0.0.1'];
  return undefined;
};

const questionOf = (query: Buffer): { name: string; type: number; end: number } => {
  const labels: string[] = [];
  let at = 12;
  while (query[at] !== 0) {
    labels.push(query.subarray(at + 1, at + 1 + query[at]).toString('ascii'));
    at += 1 + query[at];
  }
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(at + 1), end: at + 5 };
};

const addressRecord = (address: string): Buffer => {
  const record = Buffer.alloc(16);
  record.writeUInt16BE(0xc00c, 0); // the name, as a pointer to the question's
  record.writeUInt16BE(TYPE_A, 2);
  record.writeUInt16BE(1, 4); // class IN
  record.writeUInt32BE(0, 6); // TTL 0: nothing may cache the first answer
  record.writeUInt16BE(4, 10);
  address.split('.').forEach((byte, index) => (record[12 + index] = Number(byte)));
  return record;
};

const answer = (query: Buffer): Buffer => {
  const { name, type, end } = questionOf(query);
  const known = name === NAMES.board || name === NAMES.internal || name === NAMES.rebinding;
  // Only A questions count as the name being asked: AAAA ones get an empty answer.
  const addresses = known && type === TYPE_A ? (addressesOf(name) ?? []) : [];
  report({ dns: `${name} ${type === TYPE_A ? 'A' : type} → ${known ? addresses.join(',') || '(rien)' : 'NXDOMAIN'}` });
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(0x8180 | (known ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  return Buffer.concat([header, query.subarray(12, end), ...addresses.map(addressRecord)]);
};

const boardPage = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Data engineer H/F - Lyon 2e - CDI | HelloWork</title>
<script type="application/ld+json">${JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'JobPosting',
  title: 'Data engineer H/F',
  description: `<p>${DESCRIPTION_WORDS}, de la collecte au tableau de bord.</p><ul><li>Python, SQL</li><li>Airflow, dbt</li></ul><p>Télétravail deux jours par semaine.</p>`,
  datePosted: '2026-11-20',
  validThrough: '2099-01-01T00:00:00Z',
  employmentType: 'FULL_TIME',
  hiringOrganization: { '@type': 'Organization', name: 'Immobilière du Rhône' },
  jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Lyon', postalCode: '69002', addressCountry: 'FR' } },
  baseSalary: { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: 45000, maxValue: 52000, unitText: 'YEAR' } },
})}</script></head>
<body><header><nav><a href="/">Trouver un emploi</a> <a href="/entreprises">Entreprises</a></nav></header>
<main><h1>Data engineer H/F</h1><p>Immobilière du Rhône - Lyon 2e - CDI</p></main>
<footer>© HelloWork</footer></body></html>`;

const secretPage = `<!DOCTYPE html><html><body><main><h1>${SECRET_WORDS}</h1>${'<p>Données réservées au réseau interne de la machine.</p>'.repeat(8)}</main></body></html>`;

const send = (response: ServerResponse, status: number, headers: Record<string, string>, body = ''): void => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  response.end(body);
};

const board = (request: IncomingMessage, response: ServerResponse): void => {
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  const url = request.url ?? '/';
  report({ public: `${host}${url}` });
  if (host === NAMES.board && url === new URL(URLS.board).pathname) return send(response, 200, {}, boardPage);
  if (host === NAMES.board && url === new URL(URLS.redirectInside).pathname) return send(response, 302, { location: INSIDE_TARGET });
  // A rebinding attacker closes the connection and redirects to itself: the next hop must resolve the name again.
  if (host === NAMES.rebinding && !url.includes('?suite')) return send(response, 302, { location: `${url}?suite`, connection: 'close' });
  if (host === NAMES.rebinding) return send(response, 200, {}, boardPage);
  return send(response, 404, {}, '<h1>Introuvable</h1>');
};

const inside = (request: IncomingMessage, response: ServerResponse): void => {
  report({ loopback: `${request.headers.host}${request.url}` });
  send(response, 200, {}, secretPage);
};

const listen = (server: ReturnType<typeof createServer>, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(80, host, resolve);
  });

const main = async (): Promise<void> => {
  const dns = createSocket('udp4');
  dns.on('message', (query, peer) => dns.send(answer(query), peer.port, peer.address));
  await new Promise<void>((resolve) => dns.bind(53, '127.0.0.1', resolve));
  const servers = [createServer(board), createServer(inside), createServer(inside)];
  await Promise.all([listen(servers[0], PUBLIC_ADDRESS), listen(servers[1], '127.0.0.1'), listen(servers[2], '::1')]);
  process.on('SIGTERM', () => {
    dns.close();
    for (const server of servers) server.close();
    process.exit(0);
  });
  report({ ready: true });
};

main().catch((error: unknown) => {
  report({ error: String(error) });
  process.exit(1);
});
