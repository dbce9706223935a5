import { decideActivation, type PhaseId } from '@veille/domain';
import type { Deps } from '../ports';

/** Turns a phase on or off for a source: the domain decides, the store keeps it, then the projection folds it. */
export async function setActivation({ bus, store }: Pick<Deps, 'bus' | 'store'>, sender: string, phase: PhaseId, enabled: boolean): Promise<void> {
  const events = decideActivation({ sender, phase, enabled }, bus.current());
  await store.setActivation(sender, phase, enabled);
  for (const event of events) bus.emit(event);
}
