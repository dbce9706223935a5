import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type JsonAnswer = { status: number; body: Record<string, unknown> };

/** The settings routes as the page calls them; every answer's text is kept, for the secrets check. */
export function settingsApi(url: string) {
  const answers: string[] = [];
  const call = async (method: string, path: string, body?: unknown): Promise<JsonAnswer> => {
    const response = await fetch(`${url}/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    answers.push(text);
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  };
  return {
    answers,
    get: () => call('GET', '/settings'),
    put: (body: unknown) => call('PUT', '/settings', body),
    test: (body: unknown) => call('POST', '/settings/test', body),
    call,
  };
}

/** A logger at debug level whose lines are kept, to look for what must never be logged. */
export function capturedLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}
