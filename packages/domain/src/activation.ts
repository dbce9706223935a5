import { event, type SourceActivationChanged } from './events';
import type { PhaseId } from './phases';
import type { Projection } from './projection';
import { NotFoundError, UnprocessableError } from './refusals';

export type ChangeActivation = { readonly sender: string; readonly phase: PhaseId; readonly enabled: boolean };

/** A person turns a phase on or off for a source; one the product cannot do for its board stays off. */
export function decideActivation({ sender, phase, enabled }: ChangeActivation, state: Projection): SourceActivationChanged[] {
  const source = state.sources.get(sender);
  if (!source) throw new NotFoundError(`Source inconnue : ${sender}`);
  if (enabled && !source.available[phase]) throw new UnprocessableError(`Cette étape n'est pas disponible pour ${source.board}.`);
  return [event<SourceActivationChanged>('SourceActivationChanged', { sender, phase, enabled })];
}
