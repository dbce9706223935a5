import { z } from 'zod';

export type AirtableConfig = { apiKey: string; baseId: string; endpointUrl?: string };

const BASE_ID = /^app[A-Za-z0-9]{14}$/;

/** An `app…` id as is, or the id found in a base URL (https://airtable.com/appXXXX/tblYYYY/…); '' when neither. */
export function airtableBaseIdOf(value: string): string {
  const trimmed = value.trim();
  return BASE_ID.test(trimmed) ? trimmed : (/(?:^|\/)(app[A-Za-z0-9]{14})(?:[/?#]|$)/.exec(trimmed)?.[1] ?? '');
}

export const BASE_ID_EXPECTED = "un identifiant app… (17 caractères) ou l'URL d'une base est attendu";

const baseId = z
  .string()
  .transform(airtableBaseIdOf)
  .pipe(z.string().regex(BASE_ID, { error: BASE_ID_EXPECTED }));

/** An empty variable (`AIRTABLE_ENDPOINT_URL=` in a .env file) means unset, not invalid. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const schema = z.object({
  AIRTABLE_API_KEY: z.string().trim().min(1),
  AIRTABLE_BASE_ID: baseId,
  AIRTABLE_ENDPOINT_URL: optional(z.url({ protocol: /^https?$/, error: 'une URL http(s) est attendue' }).optional()),
});

/** The user's Airtable base, or undefined when neither variable is set (the SQLite store stays). */
export function airtableConfigFromEnv(env: NodeJS.ProcessEnv): AirtableConfig | undefined {
  const hasKey = !!env.AIRTABLE_API_KEY?.trim();
  const hasBase = !!env.AIRTABLE_BASE_ID?.trim();
  if (!hasKey && !hasBase) return undefined;
  if (!hasKey) throw new Error('Configuration Airtable incomplète : AIRTABLE_API_KEY manque (AIRTABLE_BASE_ID est défini).');
  if (!hasBase) throw new Error('Configuration Airtable incomplète : AIRTABLE_BASE_ID manque (AIRTABLE_API_KEY est défini).');
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    // Names the variable and the rule, never the value (it may be the key).
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')} : ${issue.message}`);
    throw new Error(`Configuration Airtable invalide :\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  return { apiKey: values.AIRTABLE_API_KEY, baseId: values.AIRTABLE_BASE_ID, endpointUrl: values.AIRTABLE_ENDPOINT_URL?.replace(/\/+$/, '') };
}
