import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { airtableConfigFromEnv, type AirtableConfig } from './adapters/airtable/config';
import { anthropicConfigFromEnv, type AnthropicConfig } from './adapters/anthropic/config';
import { imapConfigFromEnv, type ImapConfig } from './adapters/imap/config';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((value) => value === '1' || value === 'true');

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  ENRICH_ALLOW_PRIVATE: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  enrichAllowPrivate: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** The user's IMAP folder; without it, the folder mailbox under DATA_DIR. */
  imap?: ImapConfig;
  /** The user's Airtable base as the store; without it, SQLite under DATA_DIR. */
  airtable?: AirtableConfig;
  /** Claude for phase 3; without it, the transparent rules analyser. */
  anthropic?: AnthropicConfig;
  /** Values never to be shown in a response, an event or a log line. */
  secrets: string[];
};

export class ConfigError extends Error {}

/** Reads the configuration from the environment; a bad value stops startup with the variable's name. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  let imap: ImapConfig | undefined;
  let anthropic: AnthropicConfig | undefined;
  let airtable: AirtableConfig | undefined;
  try {
    airtable = airtableConfigFromEnv(env);
    imap = imapConfigFromEnv(env);
    anthropic = anthropicConfigFromEnv(env);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  return {
    host: values.HOST,
    port: values.PORT,
    dataDir: path.resolve(values.DATA_DIR),
    enrichAllowPrivate: values.ENRICH_ALLOW_PRIVATE,
    logLevel: values.LOG_LEVEL,
    imap,
    anthropic,
    airtable,
    secrets: [imap?.password, anthropic?.apiKey, airtable?.apiKey].filter((secret): secret is string => !!secret),
  };
};

/** A `.env` file in the working directory fills what the environment does not set. */
export const loadDotEnv = (file = '.env'): void => {
  if (existsSync(file)) process.loadEnvFile(file);
};
