import { z } from 'zod';
import type { Values } from './fields';

/** An empty variable (`X=` in a .env file) means unset, not invalid. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);
const text = optional(z.string().trim().max(320, 'trop long').optional());

const schema = z.object({
  DIGEST_MIN_SCORE: optional(
    z.coerce.number<string>({ error: 'une note sur 20 est attendue (ex. 14)' }).min(0, 'entre 0 et 20').max(20, 'entre 0 et 20').optional(),
  ),
  SMTP_HOST: text,
  SMTP_PORT: optional(z.coerce.number<string>({ error: 'un numéro de port est attendu' }).int('un numéro de port est attendu').min(1).max(65_535).optional()),
  SMTP_SECURE: optional(
    z
      .enum(['true', 'false', '1', '0'], { error: 'attendu true ou false' })
      .transform((value) => value === 'true' || value === '1')
      .optional(),
  ),
  SMTP_USER: text,
  SMTP_PASSWORD: text,
  DIGEST_TO: optional(z.email({ error: 'une adresse email est attendue (ex. vous@exemple.fr)' }).optional()),
});

/**
 * The digest's fields the environment sets (the threshold, the SMTP server, the recipient): only the
 * variables given. Throws an Error naming each variable that is wrong, never its value.
 */
export function digestFromEnv(env: NodeJS.ProcessEnv): Partial<Values> {
  const parsed = schema.safeParse(env);
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => `  ${issue.path.join('.')} : ${issue.message}`);
  const given = parsed.success ? parsed.data : {};
  const isSet = (name: string): boolean => !!env[name]?.trim();
  if (isSet('SMTP_HOST') && !isSet('DIGEST_TO')) issues.push('  DIGEST_TO : requise avec SMTP_HOST (l’adresse qui reçoit le résumé)');
  if (isSet('SMTP_USER') && !isSet('SMTP_PASSWORD')) issues.push('  SMTP_PASSWORD : requis avec SMTP_USER');
  if (issues.length > 0) throw new Error(`Configuration invalide :\n${issues.join('\n')}`);
  const values: Partial<Values> = {};
  const set = <P extends keyof Values>(path: P, value: Values[P] | undefined): void => {
    if (value !== undefined) values[path] = value;
  };
  set('digest.minScore', given.DIGEST_MIN_SCORE);
  set('digest.host', given.SMTP_HOST);
  set('digest.port', given.SMTP_PORT);
  set('digest.secure', given.SMTP_SECURE);
  set('digest.user', given.SMTP_USER);
  set('digest.password', given.SMTP_PASSWORD);
  set('digest.to', given.DIGEST_TO);
  return values;
}
