import { actionable, decideRun, event, type PhaseId } from '@veille/domain';
import type { Subscription } from 'rxjs';
import { WriteFailedError } from '../disk/writeFailures';
import { messageOf, redact } from '../errors';
import type { Deps, PhaseContext, PhaseRunner } from '../ports';
import { haltRun } from './halt';

export type Scheduler = {
  /** Resolves once no phase runs. */
  idle(): Promise<void>;
  close(): void;
};

/**
 * Subscribes to the projection: while a run is active, starts every idle phase that has work and
 * ends the run when none has. It owns no timer: it only reacts to events.
 */
export function startScheduler(
  { bus, now, log, secrets }: Pick<Deps, 'bus' | 'now' | 'log' | 'secrets'>,
  runners: Record<PhaseId, PhaseRunner>,
  workers: Partial<Record<PhaseId, string>> = {},
): Scheduler {
  const running = new Map<PhaseId, Promise<void>>();

  /** Progress counts from what the phase already did in this run, so its line covers the whole run. */
  const contextFor = (phase: PhaseId, before: number): PhaseContext => ({
    phase,
    stopping: () => bus.current().run.stopping,
    progress: (done, total, current) => bus.emit(event('PhaseProgressed', { phase, done: before + done, total: before + total, current })),
    failItem: (itemId, source, error) => {
      const message = redact(messageOf(error), secrets);
      log.warn({ phase, itemId, source, error: message }, 'item failed');
      bus.emit(event('ItemFailed', { phase, itemId, source, error: message }));
    },
  });

  const start = (phase: PhaseId): void => {
    const before = bus.current().run.phases[phase].done;
    bus.emit(event('PhaseStarted', { phase, total: actionable(bus.current(), phase), worker: workers[phase] }));
    const run = runners[phase](contextFor(phase, before)).then(
      () => bus.emit(event('PhaseFinished', { phase })),
      (error: unknown) => {
        if (error instanceof WriteFailedError) {
          // The run's reason says it all, just above the phase lines: the phase only points at it.
          haltRun({ bus, now, log }, error);
          bus.emit(event('PhaseFailed', { phase, error: `${error.headline} : phase arrêtée, voir la raison ci-dessus.` }));
          return;
        }
        const message = redact(messageOf(error), secrets);
        log.error({ phase, error: message }, 'phase failed');
        bus.emit(event('PhaseFailed', { phase, error: message }));
      },
    );
    running.set(phase, run);
    void run.finally(() => running.delete(phase));
  };

  const decide = (): void => {
    for (const decision of decideRun(bus.current())) {
      if (decision.type === 'StartPhase') start(decision.phase);
      else bus.emit(event('RunEnded', { at: now().toISOString(), outcome: decision.outcome }));
    }
  };

  // Deciding after the event's delivery (a microtask later) keeps phases from starting inside another
  // subscriber's callback; many events in a row make one decision.
  let pending = false;
  const subscription: Subscription = bus.changes$.subscribe(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      decide();
    });
  });

  return {
    idle: async () => {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
    close: () => subscription.unsubscribe(),
  };
}
