import { z } from 'zod';

const required = 'requis avec IMAP_HOST';

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['0', '1', 'true', 'false'], { error: 'attendu 1, 0, true ou false' }))
  .transform((value) => value === '1' || value === 'true');

const folder = z.string().trim().min(1, 'nom de dossier vide');

const schema = z.object({
  IMAP_HOST: z.string().trim().min(1),
  IMAP_PORT: z.coerce
    .number({ error: 'attendu un numéro de port' })
    .int('attendu un numéro de port')
    .min(1, 'entre 1 et 65535')
    .max(65_535, 'entre 1 et 65535')
    .default(993),
  IMAP_SECURE: flag.default(true),
  IMAP_USER: z.string({ error: required }).trim().min(1, required),
  IMAP_PASSWORD: z.string({ error: required }).min(1, required),
  IMAP_FOLDER: folder.default('INBOX'),
  IMAP_ARCHIVE_FOLDER: folder.default('Archive'),
});

export type ImapConfig = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  archiveFolder: string;
};

/**
 * The user's IMAP mailbox, or undefined when IMAP_HOST is unset (the folder mailbox stays).
 * Throws an Error naming every bad variable and the rule it breaks, never a value: one of them
 * is the password.
 */
export function imapConfigFromEnv(env: NodeJS.ProcessEnv): ImapConfig | undefined {
  if (!env.IMAP_HOST?.trim()) return undefined;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')} : ${issue.message}`);
    throw new Error(`Configuration IMAP invalide :\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  return {
    host: values.IMAP_HOST,
    port: values.IMAP_PORT,
    secure: values.IMAP_SECURE,
    user: values.IMAP_USER,
    password: values.IMAP_PASSWORD,
    folder: values.IMAP_FOLDER,
    archiveFolder: values.IMAP_ARCHIVE_FOLDER,
  };
}
