import { AUTO_RUN_OFF, DIGEST_MIN_SCORE, type AutoRunMode } from '@veille/domain';
import { DEFAULT_MODEL } from '../adapters/anthropic/config';

/**
 * Every setting the page edits, by its JSON path (`mailbox.host`): the page names its inputs so,
 * and refusals name the field to fix. Values are held flat by path and nested only for the page
 * and the file.
 */
export type Values = {
  'mailbox.kind': 'folder' | 'imap';
  'mailbox.host': string;
  'mailbox.port': number;
  'mailbox.secure': boolean;
  'mailbox.user': string;
  'mailbox.password': string;
  'mailbox.folder': string;
  'mailbox.archiveFolder': string;
  'store.kind': 'sqlite' | 'airtable';
  'store.baseId': string;
  'store.token': string;
  'analysis.kind': 'rules' | 'claude';
  'analysis.model': string;
  'analysis.apiKey': string;
  'analysis.cap.daily': number | null;
  'analysis.cap.monthly': number | null;
  /** The lowest total (0–20) a new offer needs to be told of. */
  'digest.minScore': number;
  /** The SMTP server of the email digest; '' sends no email. */
  'digest.host': string;
  'digest.port': number;
  'digest.secure': boolean;
  'digest.user': string;
  'digest.password': string;
  /** Where the email digest goes. */
  'digest.to': string;
  'schedule.autoRun': AutoRunMode;
};

export type FieldPath = keyof Values;

export type Part = 'mailbox' | 'store' | 'analysis' | 'schedule' | 'digest';

/** Where a field's value comes from: the environment wins over the file, the file over the default. */
export type Origin = 'env' | 'file' | 'default';

export const DEFAULTS: Values = {
  'mailbox.kind': 'folder',
  'mailbox.host': '',
  'mailbox.port': 993,
  'mailbox.secure': true,
  'mailbox.user': '',
  'mailbox.password': '',
  'mailbox.folder': 'INBOX',
  'mailbox.archiveFolder': 'Archive',
  'store.kind': 'sqlite',
  'store.baseId': '',
  'store.token': '',
  'analysis.kind': 'rules',
  'analysis.model': DEFAULT_MODEL,
  'analysis.apiKey': '',
  'analysis.cap.daily': null,
  'analysis.cap.monthly': null,
  'digest.minScore': DIGEST_MIN_SCORE,
  'digest.host': '',
  'digest.port': 587,
  'digest.secure': false,
  'digest.user': '',
  'digest.password': '',
  'digest.to': '',
  'schedule.autoRun': AUTO_RUN_OFF,
};

export const FIELD_PATHS = Object.keys(DEFAULTS) as FieldPath[];

/** Never sent back to the page, an event or a log: the page sees whether one is set and its last characters. */
export const SECRETS = ['mailbox.password', 'store.token', 'analysis.apiKey', 'digest.password'] as const satisfies readonly FieldPath[];

export type SecretPath = (typeof SECRETS)[number];

export function isSecret(path: FieldPath): path is SecretPath {
  return (SECRETS as readonly FieldPath[]).includes(path);
}

/** The variable that sets each field, named in the refusal of a change the environment holds. */
export const ENV_VARIABLES: Record<FieldPath, string> = {
  'mailbox.kind': 'IMAP_HOST',
  'mailbox.host': 'IMAP_HOST',
  'mailbox.port': 'IMAP_PORT',
  'mailbox.secure': 'IMAP_SECURE',
  'mailbox.user': 'IMAP_USER',
  'mailbox.password': 'IMAP_PASSWORD',
  'mailbox.folder': 'IMAP_FOLDER',
  'mailbox.archiveFolder': 'IMAP_ARCHIVE_FOLDER',
  'store.kind': 'AIRTABLE_API_KEY',
  'store.baseId': 'AIRTABLE_BASE_ID',
  'store.token': 'AIRTABLE_API_KEY',
  'analysis.kind': 'ANTHROPIC_API_KEY',
  'analysis.model': 'ANTHROPIC_MODEL',
  'analysis.apiKey': 'ANTHROPIC_API_KEY',
  'analysis.cap.daily': 'ANALYSIS_CAP_DAILY',
  'analysis.cap.monthly': 'ANALYSIS_CAP_MONTHLY',
  'digest.minScore': 'DIGEST_MIN_SCORE',
  'digest.host': 'SMTP_HOST',
  'digest.port': 'SMTP_PORT',
  'digest.secure': 'SMTP_SECURE',
  'digest.user': 'SMTP_USER',
  'digest.password': 'SMTP_PASSWORD',
  'digest.to': 'DIGEST_TO',
  'schedule.autoRun': 'AUTO_RUN',
};

export const partOf = (path: FieldPath): Part => path.split('.')[0] as Part;

/** The path inside its part, as the page's `from` names it: `host`, `cap.daily`. */
export const fieldOf = (path: FieldPath): string => path.slice(path.indexOf('.') + 1);

/** Flat values by path → the nested object the page and the file read. */
export function nest(values: Partial<Record<FieldPath, unknown>>): Record<string, Record<string, unknown>> {
  const nested: Record<string, Record<string, unknown>> = {};
  for (const [path, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const [part, ...rest] = path.split('.');
    let target = (nested[part] ??= {});
    for (const key of rest.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[rest[rest.length - 1]] = value;
  }
  return nested;
}

/** The nested object → flat values by path, for the fields Veille knows (anything else is left out). */
export function flatten(nested: unknown): Partial<Record<FieldPath, unknown>> {
  const flat: Partial<Record<FieldPath, unknown>> = {};
  for (const path of FIELD_PATHS) {
    let value: unknown = nested;
    for (const key of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (value !== undefined) flat[path] = value;
  }
  return flat;
}
