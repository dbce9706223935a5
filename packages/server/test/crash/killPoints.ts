import { z } from 'zod';
import type { SseMessage } from '../sseClient';

export type KillPhase = 'import' | 'enrich' | 'analyse';

/**
 * Kill once this share of what a whole run does in the phase has been seen on the event stream,
 * `delayMs` later: an event follows the write it reports, so without a delay every kill would land
 * just after a write and never inside one.
 */
export type KillPoint = { readonly phase: KillPhase; readonly share: number; readonly delayMs: number };

const PHASES: readonly KillPhase[] = ['import', 'enrich', 'analyse'];
const ENRICHED = new Set(['À analyser', 'Expiré', 'Ignoré']);
const statusChange = z.object({ from: z.string(), to: z.string() });

/** Early and late in each phase: what `pnpm test` runs. */
const EVERY_RUN: readonly KillPoint[] = PHASES.flatMap((phase, index) => [
  { phase, share: 0.1, delayMs: 0 },
  { phase, share: 0.7, delayMs: 15 + 20 * index },
]);

/** Evenly spread over [0, 1) whatever the count: the golden ratio's multiples, modulo 1. */
const spread = (index: number, salt: number): number => (index * 0.618_034 + salt) % 1;

/** The first `count` kill points: every run's six, then shares and delays spread over each phase in turn. */
export function killPoints(count: number): KillPoint[] {
  const points = EVERY_RUN.slice(0, count);
  for (let index = points.length; index < count; index += 1) {
    points.push({
      phase: PHASES[index % PHASES.length],
      share: Math.round((0.03 + spread(index, 0) * 0.9) * 100) / 100,
      delayMs: Math.round(spread(index, 0.5) * 200),
    });
  }
  return points;
}

/** The event that marks one more item done in the phase: an email archived, an offer past its phase. */
export function isProgress(phase: KillPhase, message: SseMessage): boolean {
  if (phase === 'import') return message.event === 'EmailArchived';
  const change = message.event === 'OfferStatusChanged' ? statusChange.safeParse(message.data) : undefined;
  if (!change?.success) return false;
  return phase === 'enrich' ? change.data.from === 'A compléter' && ENRICHED.has(change.data.to) : change.data.to === 'À traiter';
}

/** Progress per phase and whether the run ended, read incrementally: a run sends thousands of messages. */
export function runWatcher(): (messages: SseMessage[]) => { progress: Record<KillPhase, number>; ended: boolean } {
  const progress = { import: 0, enrich: 0, analyse: 0 };
  let ended = false;
  let read = 0;
  return (messages) => {
    for (; read < messages.length; read += 1) {
      const message = messages[read];
      if (message.event === 'RunEnded') ended = true;
      for (const phase of PHASES) if (isProgress(phase, message)) progress[phase] += 1;
    }
    return { progress: { ...progress }, ended };
  };
}
