import { decideDigest, digestReady, event, evolveDigestDraft, type DigestDraft } from '@veille/domain';
import type { SmtpConfig } from '../adapters/smtp/config';
import { digestMessage } from '../adapters/smtp/digestMessage';
import type { Mailer } from '../adapters/smtp/mailer';
import { messageOf, redact } from '../errors';
import type { Deps } from '../ports';

/** The threshold, and the SMTP server when the email digest is configured, as the settings say now. */
export type DigestSettings = { readonly minScore: number; readonly smtp?: SmtpConfig };

export type DigestOptions = {
  readonly settings: () => DigestSettings;
  readonly mailer: (smtp: SmtpConfig) => Mailer;
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

  const mail = (smtp: SmtpConfig, count: number, send: () => Promise<void>): void => {
    const sent = send().then(
      () => {
        log.info({ count }, 'digest mailed');
        bus.emit(event('DigestMailed', { at: now().toISOString(), count }));
      },
      (error: unknown) => {
        const reason = redact(messageOf(error), [...deps.secrets, smtp.password]);
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
    const { minScore, smtp } = options.settings();
    const offers = decideDigest(draft, state, minScore);
    draft = undefined;
    if (offers.length === 0) return;
    bus.emit(digestReady(offers, { at: now().toISOString(), minScore, mailing: !!smtp }));
    if (smtp) mail(smtp, offers.length, () => options.mailer(smtp).send(digestMessage(offers, minScore)));
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
