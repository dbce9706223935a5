import { decideDigest, digestReady, event, evolveDigestDraft, type DigestDraft, type DigestOffer } from '@veille/domain';
import { messageOf, redact } from '../errors';
import type { Deps } from '../ports';

export type DigestOptions = {
  /** The threshold, and whether an email digest is configured, as the settings say at the run's end. */
  readonly settings: () => { readonly minScore: number; readonly mailing: boolean };
  /** Sends the email digest of these offers, best first; a refusal is said in French. */
  readonly mail: (offers: readonly DigestOffer[], minScore: number) => Promise<void>;
};

export type Digests = {
  /** Resolves once every email on its way has been sent or refused: a headless run waits for it before it exits. */
  settled(): Promise<void>;
  close(): void;
};

/**
 * Fed by the bus: what each run analysed is folded by the domain, and when the run ends with new
 * offers over the threshold, the open pages are told (DigestReady) and the email digest sent. The
 * email goes after the run has ended: whatever the server does, the run's outcome stays its own.
 */
export function sendDigests(deps: Pick<Deps, 'bus' | 'now' | 'log' | 'secrets'>, options: DigestOptions): Digests {
  const { bus, now, log } = deps;
  let draft: DigestDraft | undefined;
  let sending = new Set<Promise<void>>();

  const mail = (offers: readonly DigestOffer[], minScore: number): void => {
    const count = offers.length;
    const sent = options.mail(offers, minScore).then(
      () => {
        log.info({ count }, 'digest mailed');
        bus.emit(event('DigestMailed', { at: now().toISOString(), count }));
      },
      (error: unknown) => {
        const reason = redact(messageOf(error), deps.secrets);
        log.warn({ error: reason }, 'digest email not sent');
        bus.emit(event('DigestMailFailed', { at: now().toISOString(), error: reason }));
      },
    );
    sending.add(sent);
    void sent.finally(() => sending.delete(sent));
  };

  const subscription = bus.changes$.subscribe(({ event: happened, state }) => {
    draft = evolveDigestDraft(draft, happened, state);
    if (happened.type !== 'RunEnded') return;
    const { minScore, mailing } = options.settings();
    const offers = decideDigest(draft, state, minScore);
    draft = undefined;
    if (offers.length === 0) return;
    bus.emit(digestReady(offers, { at: now().toISOString(), minScore, mailing }));
    if (mailing) mail(offers, minScore);
  });

  return {
    settled: async () => {
      await Promise.all(sending);
    },
    close: () => {
      subscription.unsubscribe();
      sending = new Set();
    },
  };
}
