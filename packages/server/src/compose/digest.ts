import type { DigestOffer } from '@veille/domain';
import { digestMessage, testMessage } from '../adapters/smtp/digestMessage';
import { smtpMailer } from '../adapters/smtp/mailer';
import type { DigestOptions } from '../core/digest';
import type { SettingsTest } from '../ports';
import { digestSettingsOf, type DigestSettings } from '../settings/digest';
import type { Values } from '../settings/fields';

/** The digest as the core asks for it: the settings read at each run's end, the email through the SMTP server they name. */
export function digestOptions(current: () => DigestSettings): DigestOptions {
  return {
    settings: () => ({ minScore: current().minScore, mailing: !!current().smtp }),
    mail: async (offers: readonly DigestOffer[], minScore: number) => {
      const { smtp } = current();
      if (smtp) await smtpMailer(smtp).send(digestMessage(offers, minScore));
    },
  };
}

/** « Tester » of the digest: an email sent to the recipient through the server typed, which proves more than a login. */
export async function testDigest(values: Values): Promise<SettingsTest> {
  const { smtp } = digestSettingsOf(values);
  if (!smtp) return { ok: true, message: 'Pas de résumé par email : seule la notification du navigateur prévient, page ouverte.', details: {} };
  await smtpMailer(smtp).send(testMessage());
  return { ok: true, message: `Email de test envoyé à ${smtp.to} par ${smtp.host}:${smtp.port} : vérifiez votre boîte.`, details: { to: smtp.to } };
}
