import { toView, type DomainEvent } from '@veille/domain';
import type { Request, Response } from 'express';
import type { Bus } from '../ports';

type Sent = { readonly version: number; readonly event: DomainEvent };

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3_000;

export type EventStream = {
  handle(request: Request, response: Response): void;
  clients(): number;
  close(): void;
};

const frame = (name: string, id: number, data: unknown): string => `event: ${name}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * The live stream: a snapshot, then one message per domain event, with the projection's version as
 * id; a table loaded again ("Mise à jour") comes as a new snapshot, not as its 100,000 offers. A client that comes back with Last-Event-ID gets what it missed from a bounded buffer, or a
 * fresh snapshot when the buffer no longer reaches back that far.
 */
export function createEventStream(bus: Bus, bufferSize = 2_000): EventStream {
  const recent: Sent[] = [];
  const open = new Set<Response>();

  const subscription = bus.changes$.subscribe(({ event, state }) => {
    // A loaded table carries every offer: clients get the counts it gives as a fresh snapshot, and
    // the buffer keeps only that it happened (a client that missed it gets a snapshot too).
    const loaded = event.type === 'TableLoaded';
    recent.push({ version: state.version, event: loaded ? { type: 'TableLoaded', data: { sources: [], offers: [] } } : event });
    if (recent.length > bufferSize) recent.shift();
    if (open.size === 0) return;
    const message = loaded ? frame('snapshot', state.version, toView(state)) : frame(event.type, state.version, event.data);
    for (const response of open) response.write(message);
  });

  const missedSince = (lastId: number): Sent[] | undefined => {
    const current = bus.current().version;
    if (lastId === current) return [];
    const first = recent[0];
    if (!first || lastId < first.version - 1 || lastId > current) return undefined;
    const missed = recent.filter((sent) => sent.version > lastId);
    return missed.some((sent) => sent.event.type === 'TableLoaded') ? undefined : missed;
  };

  const handle = (request: Request, response: Response): void => {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write(`retry: ${RETRY_MS}\n\n`);
    const lastId = Number(request.header('last-event-id'));
    const missed = Number.isInteger(lastId) ? missedSince(lastId) : undefined;
    if (missed) for (const sent of missed) response.write(frame(sent.event.type, sent.version, sent.event.data));
    else {
      const state = bus.current();
      response.write(frame('snapshot', state.version, toView(state)));
    }
    open.add(response);
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    response.on('close', () => {
      clearInterval(heartbeat);
      open.delete(response);
    });
  };

  return {
    handle,
    clients: () => open.size,
    close: () => {
      subscription.unsubscribe();
      for (const response of open) response.end();
    },
  };
}
