import { event, type PhaseId } from '@veille/domain';
import type { Deps } from './deps';

export class NotFoundError extends Error {}
export class UnprocessableError extends Error {}

/** Turns a phase on or off for a source: stored first, then folded into the projection. */
export const setActivation = async (
  { bus, store }: Pick<Deps, 'bus' | 'store'>,
  sender: string,
  phase: PhaseId,
  enabled: boolean,
): Promise<void> => {
  const source = bus.current().sources.get(sender);
  if (!source) throw new NotFoundError(`Source inconnue : ${sender}`);
  if (enabled && !source.available[phase]) {
    throw new UnprocessableError(`Cette étape n'est pas disponible pour ${source.board}.`);
  }
  await store.setActivation(sender, phase, enabled);
  bus.emit(event('SourceActivationChanged', { sender, phase, enabled }));
};
