import { DOMAIN_EVENT_TYPES, evolve, fromView, initialProjection, toView, type DomainEvent, type Projection, type StateView } from '@veille/domain';

export type Connection = 'connecting' | 'open' | 'reconnecting';

/**
 * The page's copy of the projection: a snapshot, then the same events the server folds, with the
 * same reducer. The projection is kept raw: evolve updates its collections in place and returns
 * a new envelope, which is what Svelte needs to see to re-derive the view.
 */
class Live {
  projection = $state.raw<Projection>(initialProjection());
  connection = $state<Connection>('connecting');
  loaded = $state(false);
  view: StateView = $derived(toView(this.projection));

  connect(): () => void {
    const source = new EventSource('/api/events');
    source.addEventListener('open', () => (this.connection = 'open'));
    source.addEventListener('error', () => (this.connection = 'reconnecting'));
    source.addEventListener('snapshot', (message) => {
      this.projection = fromView(JSON.parse((message as MessageEvent<string>).data) as StateView);
      this.loaded = true;
    });
    for (const type of DOMAIN_EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        const data = JSON.parse((message as MessageEvent<string>).data) as DomainEvent['data'];
        this.projection = evolve(this.projection, { type, data } as DomainEvent);
      });
    }
    return () => source.close();
  }
}

export const live = new Live();
