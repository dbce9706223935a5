import type { DigestSettings } from '../core/digest';
import type { Values } from './fields';

/** The digest as the core takes it: the threshold, and the SMTP server once both it and the recipient are set. */
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
