import { testMessage } from '../adapters/smtp/digestMessage';
import { smtpMailer } from '../adapters/smtp/mailer';
import type { SettingsTest } from '../ports';
import { digestSettingsOf } from '../settings/digest';
import type { Values } from '../settings/fields';

/** « Tester » of the digest: an email sent to the recipient through the server typed, which proves more than a login. */
export async function testDigest(values: Values): Promise<SettingsTest> {
  const { smtp } = digestSettingsOf(values);
  if (!smtp) return { ok: true, message: 'Pas de résumé par email : seule la notification du navigateur prévient, page ouverte.', details: {} };
  await smtpMailer(smtp).send(testMessage());
  return { ok: true, message: `Email de test envoyé à ${smtp.to} par ${smtp.host}:${smtp.port} : vérifiez votre boîte.`, details: { to: smtp.to } };
}
