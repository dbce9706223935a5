import { event } from '@veille/domain';
import { startTestApp, freshDataDir } from '../harness';
import { openSse } from '../sseClient';
import { percentile, report } from './measure';

const CLIENTS = 20;
const CHANGES = 1_000;

/** Time from a status change folded on the server to its SSE message read by each of 20 clients. */
export async function benchSse(): Promise<void> {
  const { dir, cleanup } = freshDataDir();
  const app = await startTestApp(dir);
  const clients = Array.from({ length: CLIENTS }, () => openSse(`${app.url}/api/events`));
  await Promise.all(clients.map((client) => client.waitFor((messages) => messages.length >= 1)));
  const source = 'notification@emails.hellowork.com';
  const sentAt = new Map<string, bigint>();
  const latencies: number[] = [];
  const first = app.deps.bus.current().version + 1;
  for (const client of clients) {
    void client.waitFor((messages) => {
      while (messages.length > 1) {
        const message = messages.splice(1, 1)[0];
        const sent = message.id ? sentAt.get(message.id) : undefined;
        if (sent) latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
      }
      return false;
    });
  }

  for (let index = 0; index < CHANGES; index += 1) {
    sentAt.set(String(first + index), process.hrtime.bigint());
    app.deps.bus.emit(event('OfferStatusChanged', { offerId: `bench${index}`, source, from: 'A compléter', to: 'À analyser' }));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  while (latencies.length < CLIENTS * CHANGES) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const client of clients) client.close();
  await app.close();
  cleanup();

  latencies.sort((a, b) => a - b);
  report(
    `status change → SSE message, ${CLIENTS} clients (p50 / p99)`,
    `${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 99).toFixed(2)} ms`,
    '≤ 20 ms p99',
  );
}
