import { digestHeadline, type DigestReady } from '@veille/domain';
import { formatScore } from './format';

/** The notification's title and text: « 3 nouvelles offres ≥ 14/20 », then the best one. */
export function digestNotice({ count, minScore, best }: DigestReady['data']): { title: string; body: string } {
  const top = best[0];
  const body = top ? `${top.title || 'Offre sans titre'}${top.company ? ` — ${top.company}` : ''} (${formatScore(top.score)}/20)` : '';
  return { title: digestHeadline(count, minScore), body };
}
