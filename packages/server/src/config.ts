import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { airtableConfigFromEnv, type AirtableConfig } from './adapters/airtable/config';
import { anthropicConfigFromEnv, type AnthropicConfig } from './adapters/anthropic/config';
import { imapConfigFromEnv, type ImapConfig } from './adapters/imap/config';
import { isLoopbackHost } from './http/addresses';
import { settingsFromEnv, type SettingsEnv } from './settings/env';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((value) => value === '1' || value === 'true');

/** A host name or an address as a browser puts it in Host: no scheme, no port, no path. */
const HOST_NAME = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)$/;
const TOKEN_MIN_LENGTH = 16;
const TOKEN_MIN_DISTINCT = 8;

const hostList = z
  .string()
  .default('')
  .transform((list) =>
    list
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(HOST_NAME, 'nom d’hôte attendu, sans schéma ni port (ex. veille.maison.lan)')));

// An empty ACCESS_TOKEN= line in .env means none; zod's own messages would be in English.
const accessToken = z
  .preprocess((value) => (value === '' ? undefined : value), z.string().optional())
  .refine((token) => token === undefined || token.length >= TOKEN_MIN_LENGTH, {
    message: `trop court : ${TOKEN_MIN_LENGTH} caractères au moins (ex. la sortie de « openssl rand -hex 24 »)`,
  })
  .refine((token) => token === undefined || token.length < TOKEN_MIN_LENGTH || new Set(token).size >= TOKEN_MIN_DISTINCT, {
    message: `trop faible : ${TOKEN_MIN_DISTINCT} caractères différents au moins (ex. la sortie de « openssl rand -hex 24 »)`,
  });

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  ENRICH_ALLOW_PRIVATE: flag,
  ENRICH_HOST_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOWED_HOSTS: hostList,
  ACCESS_TOKEN: accessToken,
  RUN_HISTORY_LIMIT: z.coerce.number().int().min(1).max(100_000).default(200),
});

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  enrichAllowPrivate: boolean;
  /** Phase 2's pause between two requests to the same site. */
  enrichHostDelayMs: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Names the Host header may carry besides Veille's own addresses (a reverse proxy's, a local DNS name). */
  allowedHosts: string[];
  /** Required to bind beyond loopback; when set, every request needs it. */
  accessToken?: string;
  /** The user's IMAP folder; without it, the folder mailbox under DATA_DIR. */
  imap?: ImapConfig;
  /** The user's Airtable base as the store; without it, SQLite under DATA_DIR. */
  airtable?: AirtableConfig;
  /** Claude for phase 3; without it, the transparent rules analyser. */
  anthropic?: AnthropicConfig;
  /** The settings the environment sets (they win over settings.json, read-only in the page), and the services' endpoints. */
  settingsEnv: SettingsEnv;
  /** Runs kept in the history (data/runs.sqlite), the oldest pruned first. */
  runHistoryLimit: number;
  /** The zone "chaque jour à HH:MM" is read in: TZ when it names one, else Europe/Paris. */
  timeZone: string;
  /** Values never to be shown in a response, an event or a log line. */
  secrets: string[];
};

export class ConfigError extends Error {}

const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** TZ as Intl reads it (`:Europe/Paris` is the same zone); a path or nothing leaves Paris. */
function timeZoneOf(tz: string | undefined): string {
  const name = tz?.trim().replace(/^:/, '');
  if (!name) return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('fr-FR', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** Reads the configuration from the environment; a bad value stops startup with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  if (!isLoopbackHost(values.HOST) && !values.ACCESS_TOKEN) {
    throw new ConfigError(
      `Configuration invalide :\n  HOST=${values.HOST} ouvre Veille au-delà de cette machine : définissez ACCESS_TOKEN ` +
        `(un jeton de ${TOKEN_MIN_LENGTH} caractères au moins, ex. « openssl rand -hex 24 »), ou gardez HOST=127.0.0.1.`,
    );
  }
  let imap: ImapConfig | undefined;
  let anthropic: AnthropicConfig | undefined;
  let airtable: AirtableConfig | undefined;
  let settingsEnv: SettingsEnv;
  try {
    airtable = airtableConfigFromEnv(env);
    imap = imapConfigFromEnv(env);
    anthropic = anthropicConfigFromEnv(env);
    settingsEnv = settingsFromEnv(env, { imap, airtable, anthropic });
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  return {
    host: values.HOST,
    port: values.PORT,
    dataDir: path.resolve(values.DATA_DIR),
    enrichAllowPrivate: values.ENRICH_ALLOW_PRIVATE,
    enrichHostDelayMs: values.ENRICH_HOST_DELAY_MS,
    logLevel: values.LOG_LEVEL,
    allowedHosts: values.ALLOWED_HOSTS,
    accessToken: values.ACCESS_TOKEN,
    imap,
    anthropic,
    airtable,
    runHistoryLimit: values.RUN_HISTORY_LIMIT,
    timeZone: timeZoneOf(env.TZ),
    settingsEnv,
    secrets: [imap?.password, anthropic?.apiKey, airtable?.apiKey, settingsEnv.values['digest.password'], values.ACCESS_TOKEN].filter(
      (secret): secret is string => !!secret,
    ),
  };
}

/** A `.env` file in the working directory fills what the environment does not set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
