import { DOMAIN_EVENT_TYPES, evolve, fromView, type DomainEvent, type DomainEventType, type Projection, type StateView } from '@veille/domain';
import { z } from 'zod';
import type { Config } from '../config';
import { listeningOn } from '../http/addresses';
import type { Change } from '../ports';
import { readEventStream } from './eventStream';
import { describe, EXIT, exitCodeOf, summary } from './progress';

/** A Veille on this machine answers its health check in a few milliseconds; one that takes longer is not counted on. */
const HEALTH_TIMEOUT_MS = 2_000;

export type RunningVeille = { readonly url: string; readonly headers: Readonly<Record<string, string>> };

const health = z.object({ status: z.literal('ok') });
const answer = z.object({ started: z.boolean().optional(), message: z.string().optional(), error: z.string().optional() });
const EVENT_TYPES = new Set<string>(DOMAIN_EVENT_TYPES);

/** Said to the user as it is, and the process exits with `code`. */
export class BesideError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.failed,
  ) {
    super(message);
  }
}

/**
 * The Veille that answers on the configured address (HOST, PORT, with ACCESS_TOKEN when set), or
 * undefined when none does: nothing listens, it does not answer in time, or it is not Veille.
 */
export async function findRunningVeille(config: Config): Promise<RunningVeille | undefined> {
  const { url } = listeningOn(config.host, config.port);
  const headers: Record<string, string> = config.accessToken ? { Authorization: `Bearer ${config.accessToken}` } : {};
  let response: Response;
  try {
    response = await fetch(`${url}/api/health`, { headers, signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
  } catch {
    return undefined;
  }
  // Running beside it anyway would make two runs on the same data: better to say why and stop.
  if (response.status === 401) throw new BesideError(`Veille répond sur ${url} mais refuse le jeton : vérifiez ACCESS_TOKEN.`);
  const body: unknown = await response.json().catch(() => undefined);
  return response.ok && health.safeParse(body).success ? { url, headers } : undefined;
}

/**
 * Asks the running Veille for a run (trigger "cli") and follows it on its event stream, printing
 * the same lines as a run in this process. The stream is opened first, so nothing of the run is missed.
 */
export async function runBeside(veille: RunningVeille, print: (line: string) => void): Promise<number> {
  const connection = new AbortController();
  try {
    const stream = await fetch(`${veille.url}/api/events`, { headers: { ...veille.headers, Accept: 'text/event-stream' }, signal: connection.signal });
    if (!stream.ok || !stream.body) throw new BesideError(`Veille refuse son flux d'événements (HTTP ${stream.status}).`);
    const messages = readEventStream(stream.body)[Symbol.asyncIterator]();
    let state: Projection | undefined;

    /** Folds the stream until `done` says so on a change (or on a snapshot, with no event). */
    const follow = async (done: (state: Projection, event?: DomainEvent) => boolean): Promise<Projection> => {
      if (state && done(state)) return state;
      for (let next = await messages.next(); !next.done; next = await messages.next()) {
        const { event: name, data } = next.value;
        if (name === 'snapshot') {
          state = fromView(JSON.parse(data) as StateView);
          if (done(state)) return state;
        } else if (state && EVENT_TYPES.has(name)) {
          const event = { type: name as DomainEventType, data: JSON.parse(data) as unknown } as DomainEvent;
          state = evolve(state, event);
          if (done(state, event)) return state;
        }
      }
      throw new BesideError(`La connexion à Veille (${veille.url}) a été perdue avant la fin du traitement.`);
    };

    // A Veille that is starting refuses commands (503) until its table is loaded.
    await follow((current) => current.startup === 'ready');
    print(`Veille répond sur ${veille.url} : le traitement y est demandé.`);
    const asked = fetch(`${veille.url}/api/runs`, {
      method: 'POST',
      headers: { ...veille.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ trigger: 'cli' }),
    }).then(async (response) => ({ status: response.status, body: answer.safeParse(await response.json().catch(() => ({}))).data ?? {} }));
    // The run's events may come before the answer: they are read meanwhile, from its RunStarted on.
    let ours = false;
    const ended = follow((current, event) => {
      if (event?.type === 'RunStarted' && event.data.trigger === 'cli') ours = true;
      if (!ours || !event) return false;
      const text = describe({ event, state: current } satisfies Change);
      if (text) print(text);
      return event.type === 'RunEnded';
    });
    // Without a run to follow, the stream is cut below and this read ends with it.
    ended.catch(() => undefined);
    const reply = await asked;
    if (reply.status === 409) throw new BesideError(`${reply.body.error ?? 'Un traitement est déjà en cours.'} (${veille.url})`, EXIT.busy);
    if (reply.status !== 202) {
      if (reply.status === 200 && reply.body.message) {
        print(reply.body.message);
        return EXIT.done;
      }
      throw new BesideError(reply.body.error ?? `Veille a refusé le traitement (HTTP ${reply.status}).`);
    }
    const final = await ended;
    for (const text of summary(final)) print(text);
    return exitCodeOf(final);
  } finally {
    connection.abort();
  }
}
