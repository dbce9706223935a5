import { decideRunHalt } from '@veille/domain';
import { writeFailureOf, type Write, type WriteFailedError } from '../disk/writeFailures';
import { messageOf } from '../errors';
import type { Deps } from '../ports';

/**
 * A write the run needs failed: Veille stops the run itself (items in hand finish, nothing new
 * starts) and the page says why, instead of failing every item after it one by one.
 */
export function haltRun({ bus, now, log }: Pick<Deps, 'bus' | 'now' | 'log'>, failure: WriteFailedError): void {
  const { run } = bus.current();
  log.error({ problem: failure.problem, error: failure.message }, run.active ? 'a write failed: the run stops' : 'a write failed');
  for (const event of decideRunHalt({ at: now().toISOString(), reason: failure.message }, bus.current())) bus.emit(event);
}

/** For writes outside the phases (the usage log…): a refusal of the disk stops the run, anything else is logged. */
export function haltOnWriteError(deps: Pick<Deps, 'bus' | 'now' | 'log'>, write: Write): (error: unknown) => void {
  return (error) => {
    const failure = writeFailureOf(error, write);
    if (failure) haltRun(deps, failure);
    else deps.log.error({ error: messageOf(error), write: write.failed }, 'a write failed');
  };
}
