import { runAtScale, runDemo, type ScaledRun } from '../airtableRun';
import type { RequestKind } from '../fakeAirtable';
import { report } from './measure';

const OFFERS = 2_000;
const SOURCES = 12;
const NEW_OFFERS = 200;
const PER_EMAIL = 5;
const NEW_SENDERS = 4;
/** Airtable's answer time as the fake plays it; its rate is Airtable's 5 requests/s per base. */
const LATENCY_MS = 100;
const RATE = 5;
/** The demo run on Airtable before issue 14 (one upsert per email, phases 2 and 3 reading back by 10), as the issue measured it. */
const DEMO_BEFORE = 57;

const KINDS: RequestKind[] = ['meta', 'webhook', 'list', 'upsert', 'update', 'create', 'delete', 'other'];

const seconds = (ms: number): string => `${(ms / 1_000).toFixed(1)} s`;

const byKind = ({ fake }: ScaledRun): string =>
  KINDS.map((kind) => [kind, fake.count(kind)] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');

/** The bound's terms as they evaluate: an empty table's load still costs one list. */
const boundOf = (run: ScaledRun): string =>
  `≤ ${run.bound} (S ${run.sources}, T ${run.existing.size}, new sources ${run.newSources}, M ${run.imported}: ` +
  `${Math.max(1, Math.ceil(run.sources / 100))} + ${Math.max(1, Math.ceil(run.existing.size / 100))} + ${Math.ceil(run.newSources / 10)} + ` +
  `${3 * Math.ceil(run.imported / 10)} + 6)`;

/** One run's figures: calls against the bound, wall time against the floor the rate sets, 429s. */
const reportRun = (name: string, run: ScaledRun): void => {
  const calls = run.fake.count();
  report(`${name}: Airtable calls from start-up to the run's end`, `${calls}`, boundOf(run));
  process.stdout.write(`  by kind: ${byKind(run)}; ${run.atStartup} of them at start-up\n`);
  report(`${name}: start-up, then the run`, `${seconds(run.startupMs)} + ${seconds(run.runMs)}`, `floor ${seconds((calls / RATE) * 1_000)} at ${RATE} req/s`);
  report(`${name}: 429 answers received`, `${run.fake.log.filter((entry) => entry.status === 429).length}`, '0');
};

/**
 * Issue 14's read-backs target: a whole real run of Veille (folder mailbox, pages on this machine,
 * the rules analyser) on the fake Airtable at 5 requests/s with 100 ms per request, counted from
 * Veille's start to the run's end, within ⌈S/100⌉ + ⌈T/100⌉ + ⌈new sources/10⌉ + 3·⌈M/10⌉ + 6
 * calls: the demo, then T = 2,000 offers already in the base and M = 200 new ones from 40 alerts.
 */
export async function benchAirtable(): Promise<void> {
  process.stdout.write(`\nAirtable calls of a whole run (fake Airtable at ${RATE} requests/s, ${LATENCY_MS} ms per request)\n`);

  const demo = await runDemo({ latencyMs: LATENCY_MS });
  try {
    reportRun('Demo (M = 40)', demo);
    report('Demo: calls before issue 14, as the issue measured them', `${DEMO_BEFORE}`, `today ${demo.fake.count()}, ≤ ${demo.bound}`);
  } finally {
    await demo.close();
  }

  const scaled = await runAtScale({
    offers: OFFERS,
    sources: SOURCES,
    newOffers: NEW_OFFERS,
    perEmail: PER_EMAIL,
    newSenders: NEW_SENDERS,
    latencyMs: LATENCY_MS,
  });
  try {
    reportRun(`T = ${OFFERS}, M = ${NEW_OFFERS}`, scaled);
  } finally {
    await scaled.close();
  }
}
