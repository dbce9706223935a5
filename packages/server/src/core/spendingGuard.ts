import { decideSpend, estimateNextCall, type SpendingCap } from '@veille/domain';
import { UnavailableError } from '../errors';
import type { SpendingGuard } from '../ports';
import { dayOf } from './day';

/** Enough calls to know what one costs now, few enough to follow a change of model or of criteria. */
const RECENT_CALLS = 10;

export type SpendingGuardDeps = {
  /** The cap in force now: a cap raised in the page applies to the next call. */
  readonly cap: () => SpendingCap;
  /** Dollars the model cost on this day and in its month, calls done only. */
  readonly spent: (day: string) => { day: number; month: number };
  readonly now: () => Date;
};

/**
 * Phase 3's spending cap, asked before each call to the model. Calls in flight count at their
 * estimate until their cost is known, so that concurrent analyses cannot cross the cap together.
 * A refusal stops the phase (it is an UnavailableError): the offers stay to analyse.
 */
export function spendingGuard({ cap, spent, now }: SpendingGuardDeps): SpendingGuard {
  const recent: number[] = [];
  let inFlight = 0;
  return {
    reserve: (worstCaseUsd) => {
      const estimateUsd = estimateNextCall({ worstCaseUsd, recentUsd: recent });
      const done = spent(dayOf(now()));
      const decision = decideSpend({ cap: cap(), spent: { day: done.day + inFlight, month: done.month + inFlight }, estimateUsd });
      if (!decision.allowed) throw new UnavailableError(decision.reason);
      inFlight += estimateUsd;
      let settled = false;
      return (costUsd) => {
        if (settled) return;
        settled = true;
        inFlight -= estimateUsd;
        if (costUsd <= 0) return;
        recent.push(costUsd);
        if (recent.length > RECENT_CALLS) recent.shift();
      };
    },
  };
}
