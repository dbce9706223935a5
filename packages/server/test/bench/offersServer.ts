import { mkdirSync } from 'node:fs';
import { event } from '@veille/domain';
import { freshDataDir, startTestApp } from '../harness';
import { benchOffers, benchSources } from './offerSet';

const SOURCES = 40;

/**
 * Veille in a process of its own, its projection holding `argv[2]` offers (as a table load leaves
 * it), so that the bench measures the server's memory and answers apart from the client's. Says
 * `{ url }` on one line once it listens; SIGTERM closes it.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2]);
  const { dir, cleanup } = freshDataDir();
  // An existing, empty data dir: no demo mailbox, nothing but the offers below.
  mkdirSync(dir, { recursive: true });
  const app = await startTestApp(dir);
  const sources = benchSources(SOURCES);
  app.deps.bus.emit(event('TableLoaded', { sources, offers: benchOffers(count, sources) }));
  process.stdout.write(`${JSON.stringify({ url: app.url })}\n`);
  process.once('SIGTERM', () => {
    void app.close().finally(() => {
      cleanup();
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`offers bench server failed: ${String(error)}\n`);
  process.exit(1);
});
