import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { findJsonSyntaxError } from '@veille/domain';
import { removeLeftoverTemps, writeFileAtomically } from '../disk/atomicWrite';
import { flatten, nest, type Values } from './fields';
import { resolve } from './resolve';
import { fileSchema, issuesOf, requirements } from './schema';

/** settings.json as read at startup: its values, or why it cannot be used (Veille then runs on the environment and defaults). */
export type SettingsFile = { readonly valid: true; readonly values: Partial<Values> } | { readonly valid: false; readonly error: string };

const NAME = 'settings.json';

const listed = (issues: Record<string, string>): string =>
  Object.entries(issues)
    .map(([field, message]) => `${field} : ${message}`)
    .join(' ; ');

/** Reads and checks the file; a missing one holds nothing. It is never changed here, whatever it holds. */
export async function readSettingsFile(file: string, env: Partial<Values>): Promise<SettingsFile> {
  removeLeftoverTemps(file);
  if (!existsSync(file)) return { valid: true, values: {} };
  const text = await readFile(file, 'utf8');
  const syntax = findJsonSyntaxError(text);
  if (syntax) return { valid: false, error: `Fichier ${NAME} illisible : JSON invalide ligne ${syntax.line}, colonne ${syntax.column} : ${syntax.message}.` };
  const parsed = fileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) return { valid: false, error: `Fichier ${NAME} invalide : ${listed(issuesOf(parsed.error))}.` };
  const values = flatten(parsed.data) as Partial<Values>;
  const missing = requirements(resolve(env, values).values);
  if (Object.keys(missing).length > 0) return { valid: false, error: `Fichier ${NAME} incomplet : ${listed(missing)}.` };
  return { valid: true, values };
}

/** Replaces the file in one step, readable by its owner only (it holds passwords and keys). */
export function writeSettingsFile(file: string, values: Partial<Values>): Promise<void> {
  return writeFileAtomically(file, `${JSON.stringify(nest(values), null, 2)}\n`, 0o600);
}

/** A broken file about to be replaced by a valid save is kept beside it, for the user to look at: nothing is lost. */
export async function setAsideBroken(file: string, at: Date): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  const aside = `${file}.invalide-${at.toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  return aside;
}
