import type { AutoRunMode, SpendingCap } from '@veille/domain';
import type { AirtableConfig } from '../adapters/airtable/config';
import type { AnthropicConfig } from '../adapters/anthropic/config';
import type { ImapConfig } from '../adapters/imap/config';
import type { SettingsEnv } from './env';
import { DEFAULTS, FIELD_PATHS, type FieldPath, type Origin, type Values } from './fields';

export type Resolved = { readonly values: Values; readonly from: Record<FieldPath, Origin> };

/** Each field from the environment when it sets it, else from settings.json, else its default. */
export function resolve(env: Partial<Values>, file: Partial<Values>): Resolved {
  const values = { ...DEFAULTS } as Record<FieldPath, unknown>;
  const from = {} as Record<FieldPath, Origin>;
  for (const path of FIELD_PATHS) {
    const origin: Origin = env[path] !== undefined ? 'env' : file[path] !== undefined ? 'file' : 'default';
    from[path] = origin;
    if (origin !== 'default') values[path] = origin === 'env' ? env[path] : file[path];
  }
  return { values: values as Values, from };
}

/** The services Veille connects to, as the adapters take them: none for the embedded defaults; and when it runs by itself. */
export type Services = { imap?: ImapConfig; airtable?: AirtableConfig; anthropic?: AnthropicConfig; cap: SpendingCap; autoRun: AutoRunMode };

export function servicesOf(values: Values, env: SettingsEnv): Services {
  return {
    imap:
      values['mailbox.kind'] === 'imap'
        ? {
            host: values['mailbox.host'],
            port: values['mailbox.port'],
            secure: values['mailbox.secure'],
            user: values['mailbox.user'],
            password: values['mailbox.password'],
            folder: values['mailbox.folder'],
            archiveFolder: values['mailbox.archiveFolder'],
          }
        : undefined,
    airtable:
      values['store.kind'] === 'airtable' ? { apiKey: values['store.token'], baseId: values['store.baseId'], endpointUrl: env.airtableEndpointUrl } : undefined,
    anthropic:
      values['analysis.kind'] === 'claude'
        ? { apiKey: values['analysis.apiKey'], model: values['analysis.model'], baseURL: env.anthropicBaseUrl, concurrency: env.analysisConcurrency }
        : undefined,
    cap: { daily: values['analysis.cap.daily'], monthly: values['analysis.cap.monthly'] },
    autoRun: values['schedule.autoRun'],
  };
}
