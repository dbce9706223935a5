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
 * id. A client that comes back with Last-Event-ID gets what it missed from a bounded buffer, or a
 * fresh snapshot when the buffer no longer reaches back that far.
 */
export function createEventStream(bus: Bus, bufferSize = 2_000): EventStream {
  const recent: Sent[] = [];
  const open = new Set<Response>();

  const subscription = bus.changes$.subscribe(({ event, state }) => {
    recent.push({ version: state.version, event });
    if (recent.length > bufferSize) recent.shift();
    const message = frame(event.type, state.version, event.data);
    for (const response of open) response.write(message);
  });

  const missedSince = (lastId: number): Sent[] | undefined => {
    const current = bus.current().version;
    if (lastId === current) return [];
    const first = recent[0];
    if (!first || lastId < first.version - 1 || lastId > current) return undefined;
    return recent.filter((sent) => sent.version > lastId);
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
