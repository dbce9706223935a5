import { airtableConfigFromEnv } from '../adapters/airtable/config';
import { setupAirtable } from '../adapters/airtable/setup';
import { loadDotEnv } from '../config';

/** `pnpm setup:airtable`: prepares or checks the base named in .env, and says what to fix. */
const main = async (): Promise<number> => {
  loadDotEnv();
  const config = airtableConfigFromEnv(process.env);
  if (!config) {
    process.stderr.write('AIRTABLE_API_KEY et AIRTABLE_BASE_ID ne sont pas définis (dans .env ou l’environnement) : rien à préparer.\n');
    return 1;
  }
  let calls = 0;
  const { created, problems } = await setupAirtable(config, (call) => (calls += call.calls));
  for (const line of created) process.stdout.write(`✓ ${line}\n`);
  for (const line of problems) process.stdout.write(`✗ ${line}\n`);
  if (problems.length === 0) process.stdout.write(`La base ${config.baseId} est prête pour Veille (${calls} appels API).\n`);
  else process.stdout.write(`${problems.length} point(s) à corriger dans Airtable, puis relancez pnpm setup:airtable.\n`);
  return problems.length === 0 ? 0 : 2;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
