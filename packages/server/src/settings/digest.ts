import type { SmtpConfig } from '../adapters/smtp/config';
import type { Values } from './fields';

/** The threshold, and the SMTP server when the email digest is configured. */
export type DigestSettings = { readonly minScore: number; readonly smtp?: SmtpConfig };

/** The digest as the settings give it: the SMTP server only once both it and the recipient are set. */
export function digestSettingsOf(values: Values): DigestSettings {
  const minScore = values['digest.minScore'];
  if (!values['digest.host'] || !values['digest.to']) return { minScore };
  return {
    minScore,
    smtp: {
      host: values['digest.host'],
      port: values['digest.port'],
      secure: values['digest.secure'],
      user: values['digest.user'],
      password: values['digest.password'],
      to: values['digest.to'],
    },
  };
}
