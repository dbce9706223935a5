import { ANALYSIS_BATCH_MIN, AUTO_RUN_EXPECTED, isAutoRunMode } from '@veille/domain';
import { z } from 'zod';
import type { AirtableConfig } from '../adapters/airtable/config';
import type { AnthropicConfig } from '../adapters/anthropic/config';
import type { ImapConfig } from '../adapters/imap/config';
import { digestFromEnv } from './digestEnv';
import type { Values } from './fields';

/** What the environment says about the settings: the fields it sets (read-only in the page), and where the services are. */
export type SettingsEnv = {
  readonly values: Partial<Values>;
  /** Another Airtable or Claude endpoint (a proxy, a test server): never a setting of the page. */
  readonly airtableEndpointUrl?: string;
  readonly anthropicBaseUrl?: string;
  readonly analysisConcurrency: number;
  /** Phase 3 sends a backlog of at least this many offers as one batch at half price (0: never). */
  readonly analysisBatchMin: number;
};

/** An empty variable (`X=` in a .env file) means unset, not invalid. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);
const url = optional(z.url({ protocol: /^https?$/, error: 'une URL http(s) est attendue' }).optional());
const cap = optional(z.coerce.number<string>({ error: 'un montant en dollars est attendu' }).min(0, 'un montant positif ou nul est attendu').optional());

const schema = z.object({
  AIRTABLE_ENDPOINT_URL: url,
  ANTHROPIC_BASE_URL: url,
  ANALYSIS_CONCURRENCY: optional(z.coerce.number<string>().int().min(1).max(20).default(3)),
  ANALYSIS_BATCH_MIN: optional(z.coerce.number<string>().int().min(0).default(ANALYSIS_BATCH_MIN)),
  ANALYSIS_CAP_DAILY: cap,
  ANALYSIS_CAP_MONTHLY: cap,
  AUTO_RUN: optional(z.string().trim().refine(isAutoRunMode, AUTO_RUN_EXPECTED).optional()),
});

const isSet = (value: string | undefined): boolean => !!value?.trim();

/**
 * The fields the environment sets, from the services config.ts already read from it: only the
 * variables actually given, so a field left to its default stays editable in the page. Throws an
 * Error naming the variable, never its value.
 */
export function settingsFromEnv(
  env: NodeJS.ProcessEnv,
  { imap, airtable, anthropic }: { imap?: ImapConfig; airtable?: AirtableConfig; anthropic?: AnthropicConfig },
): SettingsEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')} : ${issue.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const values: Partial<Values> = {};
  if (imap) {
    Object.assign(values, { 'mailbox.kind': 'imap', 'mailbox.host': imap.host, 'mailbox.user': imap.user, 'mailbox.password': imap.password });
    if (isSet(env.IMAP_PORT)) values['mailbox.port'] = imap.port;
    if (isSet(env.IMAP_SECURE)) values['mailbox.secure'] = imap.secure;
    if (isSet(env.IMAP_FOLDER)) values['mailbox.folder'] = imap.folder;
    if (isSet(env.IMAP_ARCHIVE_FOLDER)) values['mailbox.archiveFolder'] = imap.archiveFolder;
  }
  if (airtable) Object.assign(values, { 'store.kind': 'airtable', 'store.baseId': airtable.baseId, 'store.token': airtable.apiKey });
  if (anthropic) {
    Object.assign(values, { 'analysis.kind': 'claude', 'analysis.apiKey': anthropic.apiKey });
    if (isSet(env.ANTHROPIC_MODEL)) values['analysis.model'] = anthropic.model;
  }
  const { ANALYSIS_CAP_DAILY: daily, ANALYSIS_CAP_MONTHLY: monthly } = parsed.data;
  if (daily !== undefined) values['analysis.cap.daily'] = daily;
  if (monthly !== undefined) values['analysis.cap.monthly'] = monthly;
  Object.assign(values, digestFromEnv(env));
  if (parsed.data.AUTO_RUN !== undefined) values['schedule.autoRun'] = parsed.data.AUTO_RUN;
  return {
    values,
    airtableEndpointUrl: parsed.data.AIRTABLE_ENDPOINT_URL?.replace(/\/+$/, ''),
    anthropicBaseUrl: parsed.data.ANTHROPIC_BASE_URL,
    analysisConcurrency: parsed.data.ANALYSIS_CONCURRENCY,
    analysisBatchMin: parsed.data.ANALYSIS_BATCH_MIN,
  };
}
