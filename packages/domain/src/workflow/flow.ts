import { PHASES, type PhaseId } from '../phases';
import type { PageOutcome } from '../ports';
import type { Status } from '../statuses';

/** The status every offer starts in, whatever brought it (an alert email, a link added by hand). */
export const NEW_OFFER_STATUS = 'A compléter' satisfies Status;

/** The phases that work on offers: import works on emails, and creates the offers. */
export type OfferPhaseId = Exclude<PhaseId, 'import'>;

/**
 * Per offer phase: the status an offer waits in for it, and the status each outcome of its work
 * gives. A phase takes every offer in its input status, whatever put it there (an import, a crash,
 * a change by hand).
 */
export const OFFER_FLOW = {
  enrich: {
    input: NEW_OFFER_STATUS,
    // A page that shows a job already known makes a duplicate, set aside without analysis.
    outcomes: { found: 'À analyser', expired: 'Expiré', ignored: 'Ignoré', duplicate: 'Ignoré' },
  },
  analyse: {
    input: 'À analyser',
    outcomes: { analysed: 'À traiter' },
  },
} as const satisfies {
  readonly [Phase in OfferPhaseId]: { readonly input: Status; readonly outcomes: Readonly<Record<string, Status>> };
} & { readonly enrich: { readonly outcomes: Readonly<Record<PageOutcome['kind'], Status>> } };

export const OFFER_PHASES: readonly OfferPhaseId[] = PHASES.filter((phase): phase is OfferPhaseId => phase in OFFER_FLOW);

/** The status an offer holds while it waits for this phase. */
export function inputStatus(phase: OfferPhaseId): Status {
  return OFFER_FLOW[phase].input;
}

const WAITING_FOR = new Map<string, OfferPhaseId>(OFFER_PHASES.map((phase) => [inputStatus(phase), phase]));

/** The phase whose work an offer in this status is, if any. */
export function phaseWaitingOn(status: string): OfferPhaseId | undefined {
  return WAITING_FOR.get(status);
}
