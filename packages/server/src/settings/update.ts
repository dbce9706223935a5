import { ENV_VARIABLES, flatten, isSecret, type FieldPath, type Values } from './fields';
import { InvalidSettingsError } from './errors';
import { resolve } from './resolve';
import { issuesOf, requirements, updateSchema } from './schema';

/**
 * The settings.json a PUT leads to, or every reason it is refused (nothing saved then): each
 * field's own rule, a field the environment holds (it can be sent back unchanged, not changed),
 * and what the settings then need as a whole (a password for an IMAP mailbox…).
 */
export function decideUpdate(body: unknown, { env, file }: { env: Partial<Values>; file: Partial<Values> }): Partial<Values> {
  const parsed = updateSchema.safeParse(body);
  if (!parsed.success) throw new InvalidSettingsError(issuesOf(parsed.error));
  const changes = flatten(parsed.data);
  const issues: Record<string, string> = {};
  for (const [path, value] of Object.entries(changes) as [FieldPath, unknown][]) {
    if (env[path] !== undefined && (isSecret(path) || value !== env[path])) {
      issues[path] = `défini par l'environnement (${ENV_VARIABLES[path]}) : changez-le là, puis redémarrez Veille`;
    }
  }
  if (Object.keys(issues).length > 0) throw new InvalidSettingsError(issues);
  // What the environment sets came back unchanged: the file does not take it (it would outlive the variable).
  const values = withChanges(file, Object.fromEntries(Object.entries(changes).filter(([path]) => env[path as FieldPath] === undefined)));
  const missing = requirements(resolve(env, values).values);
  if (Object.keys(missing).length > 0) throw new InvalidSettingsError(missing);
  return values;
}

/** The file's values with a body's changes: null removes a secret (and sets no cap for a cap). */
export function withChanges(file: Partial<Values>, changes: Partial<Record<FieldPath, unknown>>): Partial<Values> {
  const next: Partial<Record<FieldPath, unknown>> = { ...file };
  for (const [path, value] of Object.entries(changes) as [FieldPath, unknown][]) {
    if (isSecret(path) && value === null) delete next[path];
    else next[path] = value;
  }
  return next as Partial<Values>;
}
