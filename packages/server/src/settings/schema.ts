import { AUTO_RUN_EXPECTED, isAutoRunMode } from '@veille/domain';
import { z } from 'zod';
import { airtableBaseIdOf, BASE_ID_EXPECTED } from '../adapters/airtable/config';
import type { FieldPath, Values } from './fields';

// Each field's rule, with the French message the page shows next to it. zod names a refused
// field by its path in the nested object, which is the field's path (`mailbox.port`).

const TEXT = 'texte attendu';
/** A host name or an address as the user types it: no scheme, no port, no path. */
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)$/i;

const host = z
  .string({ error: TEXT })
  .trim()
  .max(255, 'trop long')
  .refine((value) => value === '' || HOST.test(value), 'nom du serveur attendu, sans « imap:// » ni port (ex. imap.gmail.com)');

const folder = z.string({ error: TEXT }).trim().min(1, 'nom de dossier vide').max(200, 'trop long');

const baseId = z
  .string({ error: TEXT })
  .trim()
  .transform((value, context) => {
    if (value === '') return value;
    const id = airtableBaseIdOf(value);
    if (!id) context.addIssue({ code: 'custom', message: BASE_ID_EXPECTED });
    return id;
  });

const cap = z
  .number({ error: 'un montant en dollars est attendu (ex. 2.5), ou null pour aucun plafond' })
  .min(0, 'un montant positif ou nul est attendu')
  .max(1_000_000, 'montant trop élevé')
  .nullable();

/** A secret as the page sends it: a string sets it, null removes it, the `{ set, hint }` GET gave back leaves it as it is. */
const secretInput = z.unknown().transform((value, context): string | null | undefined => {
  if (value === null) return null;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'object' && 'set' in value) return undefined;
  context.addIssue({ code: 'custom', message: typeof value === 'string' ? 'vide : saisissez-le, ou envoyez null pour le retirer' : TEXT });
  return z.NEVER;
});

const secretStored = z.string({ error: TEXT }).trim().min(1, 'vide');

const fields = {
  mailbox: {
    kind: z.enum(['folder', 'imap'], { error: 'attendu « folder » (dossier local) ou « imap »' }),
    host,
    port: z.number({ error: 'un numéro de port est attendu' }).int('un numéro de port est attendu').min(1, 'entre 1 et 65535').max(65_535, 'entre 1 et 65535'),
    secure: z.boolean({ error: 'attendu vrai ou faux' }),
    user: z.string({ error: TEXT }).trim().max(320, 'trop long'),
    folder,
    archiveFolder: folder,
  },
  store: { kind: z.enum(['sqlite', 'airtable'], { error: 'attendu « sqlite » ou « airtable »' }), baseId },
  analysis: {
    kind: z.enum(['rules', 'claude'], { error: 'attendu « rules » (règles) ou « claude »' }),
    model: z.string({ error: TEXT }).trim().min(1, 'choisissez un modèle').max(100, 'trop long'),
  },
  schedule: { autoRun: z.string({ error: AUTO_RUN_EXPECTED }).trim().refine(isAutoRunMode, AUTO_RUN_EXPECTED) },
};

/** An address as the digest's recipient: one address, nothing that could add a header or a second recipient. */
const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

const digest = {
  minScore: z.number({ error: 'une note sur 20 est attendue (ex. 14)' }).min(0, 'entre 0 et 20').max(20, 'entre 0 et 20'),
  host: z
    .string({ error: TEXT })
    .trim()
    .max(255, 'trop long')
    .refine((value) => value === '' || HOST.test(value), 'nom du serveur attendu, sans « smtp:// » ni port (ex. smtp.gmail.com)'),
  port: z.number({ error: 'un numéro de port est attendu' }).int('un numéro de port est attendu').min(1, 'entre 1 et 65535').max(65_535, 'entre 1 et 65535'),
  secure: z.boolean({ error: 'attendu vrai ou faux' }),
  user: z.string({ error: TEXT }).trim().max(320, 'trop long'),
  to: z
    .string({ error: TEXT })
    .trim()
    .max(320, 'trop long')
    .refine((value) => value === '' || EMAIL.test(value), 'une adresse email est attendue (ex. vous@exemple.fr)'),
};

const caps = z.object({ daily: cap.optional(), monthly: cap.optional() }, { error: 'objet attendu : { daily, monthly }' });

/** Any part of the settings, as PUT sends it; what the page does not edit (`from`, `models`) is left out. */
const nestedSchema = <S extends z.ZodType>(secret: S) => {
  const part = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: 'objet attendu' }).partial().optional();
  return z.object(
    {
      mailbox: part({ ...fields.mailbox, password: secret }),
      store: part({ ...fields.store, token: secret }),
      analysis: part({ ...fields.analysis, apiKey: secret, cap: caps }),
      digest: part({ ...digest, password: secret }),
      schedule: part(fields.schedule),
    },
    { error: 'objet attendu : { mailbox, store, analysis, schedule, digest }' },
  );
};

export const updateSchema = nestedSchema(secretInput);

/** settings.json: what the page saved, secrets as they are. */
export const fileSchema = nestedSchema(secretStored);

export type Issues = Partial<Record<FieldPath, string>>;

/** zod's issues by field path (the first one for each field), for the page to show next to each field. */
export function issuesOf(error: z.ZodError): Record<string, string> {
  const issues: Record<string, string> = {};
  for (const issue of error.issues) issues[issue.path.join('.') || 'settings'] ??= issue.message;
  return issues;
}

/**
 * What the effective settings need as a whole: a service chosen needs what it connects with.
 * Each missing field is named, with what to put there.
 */
export function requirements(values: Values): Issues {
  const issues: Issues = {};
  if (values['mailbox.kind'] === 'imap') {
    if (!values['mailbox.host']) issues['mailbox.host'] = 'requis pour une boîte IMAP (ex. imap.gmail.com)';
    if (!values['mailbox.user']) issues['mailbox.user'] = 'requis pour une boîte IMAP : votre adresse email, le plus souvent';
    if (!values['mailbox.password']) issues['mailbox.password'] = "requis pour une boîte IMAP : un mot de passe d'application";
    if (values['mailbox.archiveFolder'] === values['mailbox.folder']) issues['mailbox.archiveFolder'] = 'doit être différent du dossier lu';
  }
  if (values['store.kind'] === 'airtable') {
    if (!values['store.baseId']) issues['store.baseId'] = `requis pour Airtable : ${BASE_ID_EXPECTED}`;
    if (!values['store.token']) issues['store.token'] = "requis pour Airtable : un jeton d'accès personnel (pat…)";
  }
  if (values['analysis.kind'] === 'claude' && !values['analysis.apiKey']) issues['analysis.apiKey'] = 'requise pour Claude : une clé API (sk-ant-…)';
  if (values['digest.host'] && !values['digest.to']) issues['digest.to'] = 'requise pour le résumé par email : l’adresse qui le reçoit';
  if (values['digest.to'] && !values['digest.host']) issues['digest.host'] = 'requis pour le résumé par email : votre serveur SMTP (ex. smtp.gmail.com)';
  if (values['digest.user'] && !values['digest.password']) issues['digest.password'] = "requis avec un identifiant SMTP : un mot de passe d'application";
  return issues;
}
