import type { PhaseId } from '@veille/domain';

/** What a running phase may do besides its own work: know a stop was asked, report progress and failures. */
export type PhaseContext = {
  readonly phase: PhaseId;
  stopping(): boolean;
  progress(done: number, total: number, current: string): void;
  /** One item failed: it is set aside for this run and the phase goes on. */
  failItem(itemId: string, source: string, error: unknown): void;
};

export type PhaseRunner = (context: PhaseContext) => Promise<void>;
