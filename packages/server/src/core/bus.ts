import { Subject, scan, share } from 'rxjs';
import { evolve, initialProjection, type DomainEvent } from '@veille/domain';
import type { Bus, Change } from '../ports';

export function createBus(): Bus {
  const events$ = new Subject<DomainEvent>();
  const changes$ = events$.pipe(
    scan((last: Change, event: DomainEvent) => ({ event, state: evolve(last.state, event) }), {
      state: initialProjection(),
    } as Change),
    share(),
  );
  let current = initialProjection();
  changes$.subscribe((change) => {
    current = change.state;
  });

  // An event emitted while another is being delivered waits for it, so every subscriber sees the
  // events in the same order and versions only go up.
  const queue: DomainEvent[] = [];
  let delivering = false;
  const emit = (event: DomainEvent): void => {
    queue.push(event);
    if (delivering) return;
    delivering = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) events$.next(next);
    } finally {
      delivering = false;
    }
  };

  return { emit, current: () => current, changes$ };
}
