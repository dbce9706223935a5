import { event, type MailboxAudited, type SourceAdded } from './events';
import type { MailRef } from './ports';
import type { Projection } from './projection';
import type { Source } from './source';

export type RecordAudit = {
  readonly listed: readonly MailRef[];
  /** The source a sender seen for the first time becomes (its board, the phases it can have). */
  readonly sourceOf: (sender: string) => Source;
};

export type AuditDecision = {
  /** What the store must add before the events are emitted. */
  readonly sources: readonly Source[];
  readonly events: readonly (SourceAdded | MailboxAudited)[];
  /** The emails phase 1 may import: what the mailbox refuses is listed with why, never imported. */
  readonly importable: MailRef[];
};

/** The mailbox was listed: emails waiting per sender, and every sender seen for the first time becomes a source. */
export function decideAudit({ listed, sourceOf }: RecordAudit, state: Projection): AuditDecision {
  const importable = listed.filter((ref) => !ref.refused);
  const refused = listed.flatMap((ref) => (ref.refused ? [{ id: ref.id, reason: ref.refused }] : []));
  const bySender: Record<string, number> = {};
  for (const ref of importable) bySender[ref.sender] = (bySender[ref.sender] ?? 0) + 1;
  const sources = Object.keys(bySender)
    .filter((sender) => sender && !state.sources.has(sender))
    .map(sourceOf);
  return {
    sources,
    events: [...sources.map((source) => event<SourceAdded>('SourceAdded', { source })), event<MailboxAudited>('MailboxAudited', { bySender, refused })],
    importable,
  };
}
