import { z } from 'zod';
import { sleep } from '../http';

const POLL_MS = 100;
const RUN_TIMEOUT_MS = 120_000;
const MAX_RUNS = 8;

const stateSchema = z.object({
  table: z.object({
    rows: z.array(z.object({ source: z.string(), toImport: z.number(), counts: z.record(z.string(), z.number()) })),
    totals: z.object({ toImport: z.number() }),
  }),
  run: z.object({ active: z.boolean() }),
});

export type ServerState = z.infer<typeof stateSchema>;

/**
 * Waits until the server takes commands: it announces its address as soon as the port listens,
 * and answers "Veille démarre…" (503) until its table is loaded.
 */
export async function untilReady(url: string): Promise<void> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(`${url}/api/state`);
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok && z.object({ startup: z.literal('ready') }).safeParse(body).success) return;
    if (Date.now() > deadline) throw new Error(`Le serveur n'est pas prêt après ${RUN_TIMEOUT_MS} ms : ${response.status}`);
    await sleep(POLL_MS);
  }
}

export async function readState(url: string): Promise<ServerState> {
  const response = await fetch(`${url}/api/state`);
  if (!response.ok) throw new Error(`GET /api/state : ${response.status}`);
  return stateSchema.parse(await response.json());
}

/** Asks for a run as "Lancer les traitements" does, waiting out the startup window (503). */
export async function requestRun(url: string): Promise<'started' | 'nothing' | 'busy'> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(`${url}/api/runs`, { method: 'POST' });
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 202) return 'started';
    if (response.status === 409) return 'busy';
    if (response.status === 200 && z.object({ started: z.literal(false) }).safeParse(body).success) return 'nothing';
    if (response.status !== 503 || Date.now() > deadline) throw new Error(`POST /api/runs : ${response.status} ${JSON.stringify(body)}`);
    await sleep(POLL_MS);
  }
}

export async function runFinished(url: string): Promise<ServerState> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const state = await readState(url);
    if (!state.run.active) return state;
    if (Date.now() > deadline) throw new Error(`Le traitement dure encore après ${RUN_TIMEOUT_MS} ms`);
    await sleep(POLL_MS);
  }
}

/**
 * Runs until there is nothing left: the server answers "Rien à traiter", or a whole run changes
 * nothing in the table — what is left then are items that fail on every run (an alert with no
 * offer, say), which stay in the mailbox with their reason and would start a run each time.
 */
export async function runToEnd(url: string): Promise<{ state: ServerState; runs: number }> {
  let before = JSON.stringify((await readState(url)).table);
  for (let runs = 0; runs < MAX_RUNS; runs += 1) {
    const answer = await requestRun(url);
    if (answer === 'nothing') return { state: await readState(url), runs };
    const state = await runFinished(url);
    const after = JSON.stringify(state.table);
    if (answer === 'started' && after === before) return { state, runs: runs + 1 };
    before = after;
  }
  throw new Error(`Toujours du travail après ${MAX_RUNS} traitements`);
}
