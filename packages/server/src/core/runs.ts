import { decideRunStart, decideRunStop, type RunTrigger } from '@veille/domain';
import type { Deps } from '../ports';
import { auditMailbox, foldChanges } from './reload';

export type RunStart = { started: true } | { started: false; message: string };

/**
 * "Lancer les traitements" (or `pnpm process`…, as `trigger` says): what changed in the store by
 * hand since the last look (read from the changes alone, never a whole load), a fresh mailbox
 * audit, then a run if anything is waiting.
 */
export async function startRun(deps: Pick<Deps, 'bus' | 'store' | 'mailbox' | 'now' | 'secrets' | 'log'>, trigger: RunTrigger): Promise<RunStart> {
  // A run already active is refused before the mailbox is read, and again after: one may have started meanwhile.
  decideRunStart({ at: deps.now().toISOString(), trigger }, deps.bus.current());
  await foldChanges(deps);
  await auditMailbox(deps);
  const events = decideRunStart({ at: deps.now().toISOString(), trigger }, deps.bus.current());
  if (events.length === 0) return { started: false, message: 'Rien à traiter : aucun email à importer et aucune offre en attente.' };
  for (const event of events) deps.bus.emit(event);
  return { started: true };
}

/** "Arrêter les traitements": the items in hand finish, no new one starts. */
export function stopRun({ bus, now }: Pick<Deps, 'bus' | 'now'>): void {
  for (const event of decideRunStop({ at: now().toISOString() }, bus.current())) bus.emit(event);
}
