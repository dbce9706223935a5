import { performance } from 'node:perf_hooks';
import { startTestApp } from '../harness';

/**
 * Veille started in a process of its own on an existing data dir (`argv[2]`), as `pnpm start`
 * would: says `{ url, readyMs, cpuMs, sinceProcessMs, offers }` on one line once its projection
 * is loaded (readyMs from the call that starts it, cpuMs the CPU time that took on all the process's
 * threads, sinceProcessMs from the process's own start, its modules' loading included); SIGTERM closes it.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const app = await startTestApp(process.argv[2]);
  const readyMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const ready = { url: app.url, readyMs, cpuMs: (user + system) / 1_000, sinceProcessMs: performance.now(), offers: app.deps.bus.current().offers.size };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`SQLite bench server failed: ${String(error)}\n`);
  process.exit(1);
});
