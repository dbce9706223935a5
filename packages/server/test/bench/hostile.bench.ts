import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createParsePool } from '../../src/parsing/pool';
import { freshDataDir, runEnded, startTestApp } from '../harness';
import { watchHealth } from '../healthWatch';
import { htmlEmail, linkedInCard, nestedDivs, nestedPage } from '../hostile';
import { HELLOWORK, offerOf } from '../newOffers';
import { percentile, report } from './measure';

const DEEP_EMAILS = 5;
const HEAVY_EMAILS = 5;
const DEEP_PAGES = 10;

const elapsed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/** The slowest of `rounds` readings of the same hostile item, on a warm pool. */
const slowest = async (rounds: number, work: () => Promise<unknown>): Promise<number> => {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) times.push(await elapsed(work));
  return Math.max(...times);
};

const serve = (page: Buffer): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

/** Setting aside the hostile items of issue 9, then a whole run over them with /api/health asked every 20 ms. */
export async function benchHostile(): Promise<void> {
  const deepEmail = htmlEmail(nestedDivs(180_000, linkedInCard(4012345678)));
  const heavyEmail = htmlEmail(Array.from({ length: 8_000 }, (_unused, index) => linkedInCard(4_000_000_000 + index)).join(''));
  const deepPage = nestedPage(50_000);

  const pool = createParsePool();
  await pool.readOffers('LinkedIn', htmlEmail(linkedInCard(4012345678)));
  const emailMs = await slowest(5, () => pool.readOffers('LinkedIn', deepEmail).catch(() => undefined));
  const pageMs = await slowest(5, () => pool.extractPage('https://www.example.com/offre', deepPage, new Date()));
  await pool.close();
  report('180,000 nested divs email set aside (slowest of 5)', `${emailMs.toFixed(0)} ms`, '≤ 2,000 ms');
  report('50,000 nested divs page set aside (slowest of 5)', `${pageMs.toFixed(0)} ms`, '≤ 2,000 ms');

  const { dir, cleanup } = freshDataDir();
  const mailbox = path.join(dir, 'mailbox');
  mkdirSync(mailbox, { recursive: true });
  for (let index = 0; index < DEEP_EMAILS; index += 1) writeFileSync(path.join(mailbox, `deep-${index}.eml`), deepEmail);
  for (let index = 0; index < HEAVY_EMAILS; index += 1) writeFileSync(path.join(mailbox, `heavy-${index}.eml`), heavyEmail);
  const pages = await serve(Buffer.from(deepPage));
  const app = await startTestApp(dir, { ENRICH_ALLOW_PRIVATE: '1' });
  await app.deps.store.addSources([HELLOWORK]);
  const site = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  await app.deps.store.saveOffers(
    Array.from({ length: DEEP_PAGES }, (_unused, index) => offerOf(HELLOWORK, `hellowork:deep-${index}`, `${site}/deep-${index}`)),
  );
  const post = (route: string, body?: unknown) =>
    fetch(`${app.url}${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  await post('/api/refresh');

  const health = watchHealth(app.url);
  // Measured inside the server's process: a health answer's latency also counts the client's wait for a core.
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const ended = runEnded(app.deps.bus);
  const total = await elapsed(async () => {
    await post('/api/runs');
    await ended;
  });
  stalls.disable();
  const latencies = await health.stop();
  await app.close();
  await new Promise((resolve) => pages.close(resolve));
  cleanup();

  latencies.sort((a, b) => a - b);
  report(
    `/api/health during a hostile run, ${latencies.length} asks (p50 / p99 / max)`,
    `${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} / ${latencies[latencies.length - 1].toFixed(0)} ms`,
    '≤ 100 ms',
  );
  report("longest stall of the server's event loop during that run", `${(stalls.max / 1e6).toFixed(0)} ms`, '≤ 100 ms');
  report(`that run: ${DEEP_EMAILS} deep + ${HEAVY_EMAILS} 8,000-card emails, ${DEEP_PAGES} deep pages`, `${(total / 1_000).toFixed(1)} s`, 'ends by itself');
}
