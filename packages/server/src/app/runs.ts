import { event, hasWork } from '@veille/domain';
import type { Deps } from './deps';
import { auditMailbox } from './reload';

export class ConflictError extends Error {}

export type RunStart = { started: true } | { started: false; message: string };

/** "Lancer les traitements": a fresh mailbox audit, then a run if anything is waiting. */
export const startRun = async (deps: Pick<Deps, 'bus' | 'store' | 'mailbox' | 'now' | 'secrets'>): Promise<RunStart> => {
  if (deps.bus.current().run.active) throw new ConflictError('Un traitement est déjà en cours.');
  await auditMailbox(deps);
  if (deps.bus.current().run.active) throw new ConflictError('Un traitement est déjà en cours.');
  if (!hasWork(deps.bus.current())) {
    return { started: false, message: 'Rien à traiter : aucun email à importer et aucune offre en attente.' };
  }
  deps.bus.emit(event('RunStarted', { at: deps.now().toISOString() }));
  return { started: true };
};

/** "Arrêter les traitements": the items in hand finish, no new one starts. */
export const stopRun = ({ bus, now }: Pick<Deps, 'bus' | 'now'>): void => {
  if (!bus.current().run.active) throw new ConflictError('Aucun traitement en cours.');
  if (!bus.current().run.stopping) bus.emit(event('RunStopRequested', { at: now().toISOString() }));
};
