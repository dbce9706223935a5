import http from 'node:http';

export type SseMessage = { event: string; id?: string; data: unknown };

/** A minimal EventSource over node:http, so tests read the stream as `curl -N` would. */
export function openSse(url: string, headers: Record<string, string> = {}) {
  const messages: SseMessage[] = [];
  const waiters: { predicate: (m: SseMessage[]) => boolean; resolve: () => void }[] = [];
  let buffer = '';
  let responseHeaders: http.IncomingHttpHeaders = {};
  const request = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
    responseHeaders = response.headers;
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
        }
        if (fields.has('data')) {
          messages.push({ event: fields.get('event') ?? 'message', id: fields.get('id'), data: JSON.parse(fields.get('data')!) });
        }
        for (const waiter of [...waiters]) {
          if (waiter.predicate(messages)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
        end = buffer.indexOf('\n\n');
      }
    });
  });
  request.on('error', () => undefined);
  return {
    messages,
    headers: () => responseHeaders,
    waitFor: (predicate: (m: SseMessage[]) => boolean): Promise<void> =>
      predicate(messages) ? Promise.resolve() : new Promise((resolve) => waiters.push({ predicate, resolve })),
    close: () => request.destroy(),
  };
}
