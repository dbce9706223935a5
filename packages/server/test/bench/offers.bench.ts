import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { event, STATUS } from '@veille/domain';
import { chromium } from 'playwright-core';
import { setupAirtable } from '../../src/adapters/airtable/setup';
import { CHROMIUM, chromiumArgs } from '../chromium';
import { startFakeAirtable } from '../fakeAirtable';
import { freshDataDir, startTestApp } from '../harness';
import { percentile, report } from './measure';
import { benchOffers, benchSources } from './offerSet';

const OFFERS = 100_000;
const SAMPLES = 200;
const WARMUP = 20;
const CSV_SAMPLES = 20;
const BULK = 1_000;
const AIRTABLE_LATENCY_MS = 100;
const AIRTABLE_RATE = 5;
const SCROLLED = 10_000;
const SCROLL_FRAMES = 240;
/** A fast flick: 400 px a frame is 24,000 px (250 offers) a second at 60 frames a second. */
const SCROLL_STEP = 400;

const FILTER: [string, string][] = [
  ['status', STATUS.toProcess],
  ['minScore', '10'],
  ['q', 'data'],
];

const ms = (value: number): string => value.toFixed(1);
const elapsedMs = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;
const query = (params: [string, string][]): string => new URLSearchParams(params).toString();

/** A process's resident memory, from Linux's own account of it. */
function rssMb(pid: number): string {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return 'n/a';
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(file, 'utf8'))?.[1];
  return kb ? `${Math.round(Number(kb) / 1024)} MB` : 'n/a';
}

/** CPU time a process has used so far, in ms (Linux's clock ticks of 10 ms): unlike wall time, barely moved by what else runs. */
function cpuMs(pid: number): number {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return NaN;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startOffersServer(count: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'offersServer.ts'), String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the offers server exited (${code})`)));
  });
  lines.close();
  return { child, url: (JSON.parse(ready) as { url: string }).url };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

type Timed = { p50: number; p99: number; cpu: number; body: string };

/** Times `samples` requests one after the other, after a warm-up: p50 and p99 in ms, the server's CPU ms per request, and the last body. */
async function timedGets(url: string, samples: number, server: number): Promise<Timed> {
  const timings: number[] = [];
  let body = '';
  let cpuBefore = 0;
  for (let index = 0; index < WARMUP + samples; index += 1) {
    if (index === WARMUP) cpuBefore = cpuMs(server);
    const started = process.hrtime.bigint();
    const response = await fetch(url);
    body = await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
    if (index >= WARMUP) timings.push(elapsedMs(started));
  }
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 50), p99: percentile(timings, 99), cpu: (cpuMs(server) - cpuBefore) / samples, body };
}

const latencies = ({ p50, p99, cpu }: Timed): string => `${ms(p50)} / ${ms(p99)} ms, CPU ${ms(cpu)}`;

/** The list and the CSV over real HTTP, from a server process of their own holding 100,000 offers. */
async function benchList(): Promise<void> {
  const { child, url } = await startOffersServer(OFFERS);
  try {
    const pid = child.pid!;
    const loaded = rssMb(pid);
    for (const sort of ['score', 'date', 'company']) {
      const timed = await timedGets(`${url}/api/offers?${query([...FILTER, ['sort', sort], ['limit', '50']])}`, SAMPLES, pid);
      const { total } = JSON.parse(timed.body) as { total: number };
      report(`GET /api/offers, filter + sort=${sort}, limit 50 (p50 / p99, server CPU)`, latencies(timed), `≤ 50 ms p99; ${total} of ${OFFERS} match`);
    }
    const every = await timedGets(
      `${url}/api/offers?${query([
        ['sort', 'score'],
        ['limit', '50'],
      ])}`,
      SAMPLES,
      pid,
    );
    report('GET /api/offers, no filter, sort=score, limit 50 (p50 / p99, server CPU)', latencies(every), 'ranks all 100,000');
    const listed = rssMb(pid);
    const csv = await timedGets(`${url}/api/offers.csv?${query(FILTER)}`, CSV_SAMPLES, pid);
    const lines = csv.body.split('\r\n').length - 2;
    report(`GET /api/offers.csv of the filter (${lines} offers, ${Math.round(csv.body.length / 1024)} kB; p50 / p99, server CPU)`, latencies(csv), 'no target');
    report(
      `server RSS: ${OFFERS.toLocaleString('en')} offers loaded / after ${4 * (WARMUP + SAMPLES)} lists / after ${WARMUP + CSV_SAMPLES} CSV`,
      `${loaded} / ${listed} / ${rssMb(pid)}`,
      '≤ 400 MB',
    );
  } finally {
    await stopServer(child);
  }
}

/** "Candidaté" on 1,000 offers of an Airtable base (the fake, 100 ms a request, 5 requests/s): requests of 10. */
async function benchBulkAirtable(): Promise<void> {
  const fake = await startFakeAirtable({ latencyMs: AIRTABLE_LATENCY_MS });
  const { dir, cleanup } = freshDataDir();
  mkdirSync(dir, { recursive: true });
  try {
    await setupAirtable({ apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url });
    const [source] = fake.insert('Sources', [{ emailExpéditeur: 'alertes@hellowork.example', plugin: 'HelloWork' }]);
    const ids = fake.insert(
      'Offres',
      Array.from({ length: BULK }, (_unused, index) => ({
        'Id offre': `bench:${index}`,
        URL: `https://jobs.example.org/offres/${index}`,
        Poste: `Data engineer ${index}`,
        Statut: STATUS.toProcess,
        'email expéditeur': [source],
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const app = await startTestApp(dir, { AIRTABLE_API_KEY: fake.apiKey, AIRTABLE_BASE_ID: fake.baseId, AIRTABLE_ENDPOINT_URL: fake.url });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      fake.resetLog();
      const started = process.hrtime.bigint();
      const response = await fetch(`${app.url}/api/offers/status`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ids, status: STATUS.applied }),
      });
      const answer = (await response.json()) as { changed?: number; error?: string };
      const took = elapsedMs(started);
      if (answer.changed !== BULK) throw new Error(`bulk change answered ${response.status}: ${JSON.stringify(answer)}`);
      const floor = (Math.ceil(BULK / 10) / AIRTABLE_RATE) * 1_000;
      report(
        `Airtable update requests for a bulk action on ${BULK} offers`,
        `${fake.count('update')} (${fake.count()} in all)`,
        `${Math.ceil(BULK / 10)} = ⌈${BULK}/10⌉`,
      );
      report(
        '  its duration (HTTP answer once every request is written)',
        `${(took / 1_000).toFixed(1)} s`,
        `floor ${(floor / 1_000).toFixed(1)} s at ${AIRTABLE_RATE} req/s`,
      );
      report('  429 answers received', `${fake.log.filter((entry) => entry.status === 429).length}`, '0');
    } finally {
      await app.close();
    }
  } finally {
    await fake.close();
    cleanup();
  }
}

/** Passed as text: the bench runs under tsx, whose helpers a serialised function would carry into the page. */
const SCROLL_SCRIPT = `new Promise((resolve) => {
  const viewport = document.querySelector('[data-testid="offer-list"]').parentElement;
  const intervals = [];
  let rows = 0;
  let last = 0;
  const tick = (now) => {
    if (last) intervals.push(now - last);
    last = now;
    rows = Math.max(rows, viewport.querySelectorAll('li').length);
    if (intervals.length >= ${SCROLL_FRAMES}) return resolve({ intervals, rows, visible: Math.ceil(viewport.clientHeight / 96), top: viewport.scrollTop });
    viewport.scrollTop += ${SCROLL_STEP};
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

type Scrolled = { intervals: number[]; rows: number; visible: number; top: number };

/** The workspace in Debian's Chromium, scrolling a list of 10,000 offers one frame at a time. */
async function benchScroll(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    report(`page scrolling ${SCROLLED.toLocaleString('en')} offers in Chromium`, 'skipped', `no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    return;
  }
  const { dir, cleanup } = freshDataDir();
  mkdirSync(dir, { recursive: true });
  const app = await startTestApp(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
  try {
    const sources = benchSources(10);
    app.deps.bus.emit(event('TableLoaded', { sources, offers: benchOffers(SCROLLED, sources) }));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/?vue=offres&sort=company`);
    await page.locator('[data-testid="offer-list"] [data-offer-id]').first().waitFor();

    const scrolled = await page.evaluate<Scrolled>(SCROLL_SCRIPT);

    const intervals = [...scrolled.intervals].sort((a, b) => a - b);
    report(
      `rows in the DOM scrolling ${SCROLLED.toLocaleString('en')} offers (most at once)`,
      `${scrolled.rows}`,
      `about the ${scrolled.visible} in view, not ${SCROLLED.toLocaleString('en')}`,
    );
    report(
      `frame interval, ${SCROLL_FRAMES} frames at ${SCROLL_STEP} px (p50 / p95 / max)`,
      `${ms(percentile(intervals, 50))} / ${ms(percentile(intervals, 95))} / ${ms(intervals[intervals.length - 1])} ms`,
      `16.7 ms a frame at 60 Hz; ${Math.round(scrolled.top / 96)} offers scrolled`,
    );
    await page.close();
  } finally {
    await browser.close();
    await app.close();
    cleanup();
  }
}

/** Issue 11's figures: the offers list at 100,000 offers, a bulk action on Airtable, the list scrolling in a browser. */
export async function benchOffersWorkspace(): Promise<void> {
  // Tail latencies follow what else the machine runs: its load is printed beside them.
  const load = os.loadavg()[0].toFixed(1);
  process.stdout.write(`\nOffers workspace (${OFFERS.toLocaleString('en')} offers in the projection; filter ${query(FILTER)}; load average ${load})\n`);
  await benchList();
  await benchBulkAirtable();
  await benchScroll();
}
