import type { Board } from './boards';
import type { PhaseId } from './phases';

/** Per phase: whether the user turned it on for this source. */
export type Activation = Record<PhaseId, boolean>;

/** A source is one sender address; its board tells which parser and page extractor apply. */
export type Source = {
  readonly sender: string;
  readonly board: Board;
  readonly activation: Activation;
  /** Per phase: whether the product can do it for this board at all (a parser, an extractor). */
  readonly available: Activation;
};

export function normalizeSender(address: string): string {
  return address.trim().toLowerCase();
}

/** The source of the offers a person adds by hand: a reserved key that no email address can be (it has no @). */
export const MANUAL_SENDER = 'ajout-manuel';
