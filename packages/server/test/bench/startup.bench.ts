import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { STATUS } from '@veille/domain';
import { openDatabase } from '../../src/adapters/sqlite/connection';
import { report } from './measure';
import { sqliteDataDir } from './sqliteDataDir';

const OFFERS = 100_000;
const EDITED = 5;
const STARTS = 3;
const SSE_TARGET = '≤ 50 KB';
const RSS_TARGET = '≤ 400 MB';
const HAND_SOURCE = 'ajout-a-la-main@board.example';

type Ready = { url: string; readyMs: number; cpuMs: number; sinceProcessMs: number; offers: number };
type Frame = { event: string; id: number; bytes: number };

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number): string => `${(ms / 1_000).toFixed(2)} s`;

/** A process's memory from Linux's own account: resident now (VmRSS) or at its peak (VmHWM), in MB. */
function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): string {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return 'n/a';
  const kB = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(file, 'utf8'))?.[1];
  return kB ? `${Math.round(Number(kB) / 1024)} MB` : 'n/a';
}

async function startSqliteServer(dir: string): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'sqliteServer.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the SQLite bench server exited (${code})`)));
  });
  lines.close();
  return { child, ready: JSON.parse(line) as Ready };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The event stream as a browser receives it, each message with its size on the wire. */
function listen(url: string) {
  const frames: Frame[] = [];
  let buffer = '';
  const request = http.get(`${url}/api/events`, { headers: { Accept: 'text/event-stream' } }, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end + 2);
        buffer = buffer.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        if (id) frames.push({ event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message', id: Number(id), bytes: Buffer.byteLength(block) });
      }
    });
  });
  request.on('error', () => undefined);
  const until = async (predicate: () => boolean): Promise<void> => {
    while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { frames, until, close: () => request.destroy() };
}

/** "Mise à jour": its duration, and what a connected client received for it. */
async function refresh(url: string, client: ReturnType<typeof listen>): Promise<{ ms: number; frames: Frame[] }> {
  const before = client.frames.length;
  const started = performance.now();
  const response = await fetch(`${url}/api/refresh`, { method: 'POST' });
  const ms = performance.now() - started;
  const { version } = (await response.json()) as { version: number };
  if (!response.ok) throw new Error(`POST /api/refresh answered ${response.status}`);
  await client.until(() => client.frames.some((frame) => frame.id >= version));
  return { ms, frames: client.frames.slice(before) };
}

/** The largest message beside the target, then which it was among how many. */
function reportLargest(frames: Frame[]): void {
  const top = frames.reduce<Frame | undefined>((big, frame) => (!big || frame.bytes > big.bytes ? frame : big), undefined);
  const total = kb(frames.reduce((sum, frame) => sum + frame.bytes, 0));
  report(
    '  SSE: largest message a connected client received',
    top ? kb(top.bytes) : 'none',
    `${SSE_TARGET}; ${top?.event}, of ${frames.length} (${total} in all)`,
  );
}

/** Writes by another connection to the file, as `sqlite3 veille.sqlite` would make them. */
function byHand(file: string, work: (db: ReturnType<typeof openDatabase>) => void): void {
  const db = openDatabase(file);
  try {
    work(db);
  } finally {
    db.close();
  }
}

/**
 * Issue 14's start-up figures: Veille started in a process of its own on an SQLite file of
 * 100,000 offers (texts and analyses included), how soon its projection is loaded and what it
 * holds in memory, then "Mise à jour" with nothing changed, after edits by hand, and after a
 * source deleted by hand (which only a full load can fold), with what each sends a connected page.
 */
export async function benchStartup(): Promise<void> {
  // Wall times follow what else the machine runs: its load is printed beside them, and the start's CPU time.
  const load = os.loadavg()[0].toFixed(1);
  process.stdout.write(`\nStart-up and "Mise à jour" on SQLite (${OFFERS.toLocaleString('en')} offers; load average ${load})\n`);
  const building = performance.now();
  const data = await sqliteDataDir(OFFERS);
  report('data dir built (information)', `${((performance.now() - building) / 1_000).toFixed(1)} s`, 'not part of the start-up');
  try {
    // Started STARTS times, the median said: one start is a single sample of a shared machine. The last one stays up.
    const starts: Ready[] = [];
    for (let start = 1; start < STARTS; start += 1) {
      const earlier = await startSqliteServer(data.dir);
      starts.push(earlier.ready);
      await stopServer(earlier.child);
    }
    const { child, ready } = await startSqliteServer(data.dir);
    starts.push(ready);
    const pid = child.pid!;
    const client = listen(ready.url);
    try {
      if (starts.some((start) => start.offers !== OFFERS))
        throw new Error(`a projection held ${starts.map((start) => start.offers).join(', ')} offers, not ${OFFERS}`);
      const median = starts.sort((a, b) => a.readyMs - b.readyMs)[Math.floor(STARTS / 2)];
      report(
        `start-up: projection loaded (from startVeille; median of ${STARTS}, its CPU)`,
        `${seconds(median.readyMs)} (CPU ${seconds(median.cpuMs)})`,
        `≤ 2 s; ${starts.map((start) => seconds(start.readyMs)).join(' / ')}`,
      );
      report('  from the process start, modules loaded (information)', seconds(median.sinceProcessMs), 'information');
      report('  server RSS once loaded', memoryMb(pid, 'VmRSS'), RSS_TARGET);

      const newcomer = listen(ready.url);
      await newcomer.until(() => newcomer.frames.length > 0);
      newcomer.close();
      report("a new client's snapshot (first SSE message)", kb(newcomer.frames[0].bytes), SSE_TARGET);
      await client.until(() => client.frames.length > 0);

      const unchanged = await refresh(ready.url, client);
      report('"Mise à jour", nothing changed', `${unchanged.ms.toFixed(0)} ms`, 'near-free: the change counter');
      reportLargest(unchanged.frames);

      const [deleted, ...edited] = data.ids.slice(0, EDITED + 1);
      byHand(data.file, (db) => {
        for (const id of edited) db.prepare('UPDATE offers SET status = ? WHERE id = ?').run(STATUS.applied, id);
        db.prepare('DELETE FROM offers WHERE id = ?').run(deleted);
      });
      const changed = await refresh(ready.url, client);
      report(`"Mise à jour" after ${EDITED} edits and 1 deletion by hand`, `${changed.ms.toFixed(0)} ms`, 'reads those rows only');
      reportLargest(changed.frames);
      report('  server RSS', memoryMb(pid, 'VmRSS'), RSS_TARGET);

      // A source gone by hand takes its offers' counts with it: only a full load can fold that.
      byHand(data.file, (db) =>
        db.prepare("INSERT INTO sources (sender, board, import_on, enrich_on, analyse_on) VALUES (?, 'HelloWork', 1, 1, 1)").run(HAND_SOURCE),
      );
      await refresh(ready.url, client);
      byHand(data.file, (db) => db.prepare('DELETE FROM sources WHERE sender = ?').run(HAND_SOURCE));
      const full = await refresh(ready.url, client);
      report('"Mise à jour" after a source deleted by hand (full load)', seconds(full.ms), '≤ 2 s');
      reportLargest(full.frames);
      report('  server RSS after it / at its peak since the start', `${memoryMb(pid, 'VmRSS')} / ${memoryMb(pid, 'VmHWM')}`, RSS_TARGET);
    } finally {
      client.close();
      await stopServer(child);
    }
  } finally {
    data.cleanup();
  }
}
