import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const schema = z.object({
  IMAP_HOST: z.string().min(1),
  IMAP_PORT: z.coerce.number().int().min(1).max(65_535).default(993),
  IMAP_SECURE: flag.default(true),
  IMAP_USER: z.string().min(1, 'requis avec IMAP_HOST'),
  IMAP_PASSWORD: z.string().min(1, 'requis avec IMAP_HOST'),
  IMAP_FOLDER: z.string().min(1).default('INBOX'),
  IMAP_ARCHIVE_FOLDER: z.string().min(1).default('Archive'),
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

/** The user's IMAP mailbox, or undefined when IMAP_HOST is unset (the folder mailbox stays). */
export const imapConfigFromEnv = (env: NodeJS.ProcessEnv): ImapConfig | undefined => {
  if (!env.IMAP_HOST) return undefined;
  const parsed = schema.safeParse({ ...env, IMAP_USER: env.IMAP_USER ?? '', IMAP_PASSWORD: env.IMAP_PASSWORD ?? '' });
  if (!parsed.success) {
    // Messages name the variable and the rule, never the value (it may be the password).
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
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
};
