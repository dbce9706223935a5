import { DOMAIN_EVENT_TYPES, evolve, fromView, initialProjection, toView, type DomainEvent, type Projection, type StateView } from '@veille/domain';
import { toLoginOn401 } from './api';

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * The page's copy of the projection: a snapshot, then the very events the server folds, through
 * the same reducer. The projection is kept raw because evolve updates its Maps in place and
 * returns a new envelope: the new envelope is what tells Svelte to derive the view again, and a
 * deep proxy around those Maps would only slow every event down.
 */
class Live {
  projection = $state.raw<Projection>(initialProjection());
  connection = $state<Connection>('connecting');
  loaded = $state(false);
  readonly view: StateView = $derived(toView(this.projection));

  #source: EventSource | undefined;
  #listeners = new Set<(event: DomainEvent) => void>();
  #retry: ReturnType<typeof setTimeout> | undefined;
  #retryMs = RETRY_FIRST_MS;

  /** Opens the stream; the returned function closes it for good. */
  connect(): () => void {
    this.#open();
    return () => {
      clearTimeout(this.#retry);
      this.#source?.close();
      this.#source = undefined;
    };
  }

  /** Each event as it is folded, for a view that keeps more than the projection (the offers workspace). */
  onEvent(listener: (event: DomainEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #open(): void {
    const source = new EventSource('/api/events');
    this.#source = source;
    source.addEventListener('open', () => {
      this.connection = 'open';
      this.#retryMs = RETRY_FIRST_MS;
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) {
        this.connection = 'reconnecting';
        return;
      }
      // The browser gives up for good on an answer that is not an event stream (a proxy's 502,
      // a server restarting): try again ourselves, a little later each time.
      this.connection = 'closed';
      // EventSource hides the status: a 401 (session over) is only seen by asking again.
      void fetch('/api/health').then(toLoginOn401, () => undefined);
      this.#retry = setTimeout(() => this.#open(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
    });
    source.addEventListener('snapshot', (message: MessageEvent<string>) => {
      this.projection = fromView(JSON.parse(message.data) as StateView);
      this.loaded = true;
    });
    for (const type of DOMAIN_EVENT_TYPES) {
      source.addEventListener(type, (message: MessageEvent<string>) => {
        const event = { type, data: JSON.parse(message.data) as unknown } as DomainEvent;
        this.projection = evolve(this.projection, event);
        for (const listener of this.#listeners) listener(event);
        // Each message's id is the server's version after that event: a gap means one was lost,
        // and only a fresh snapshot can repair the counts.
        if (message.lastEventId !== '' && Number(message.lastEventId) !== this.projection.version) this.#resync();
      });
    }
  }

  #resync(): void {
    clearTimeout(this.#retry);
    this.#source?.close();
    this.#open();
  }
}

export const live = new Live();
