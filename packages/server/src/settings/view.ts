import type { ModelChoice } from '../adapters/anthropic/pricing';
import { fieldOf, FIELD_PATHS, isSecret, nest, partOf, type Origin, type Part } from './fields';
import type { Resolved } from './resolve';

/** A secret as the page sees it: whether one is saved, and its last characters when it is long enough not to give it away. */
export type SecretView = { readonly set: boolean; readonly hint: string };

const HINT_FROM_LENGTH = 12;

export function secretView(secret: string): SecretView {
  if (!secret) return { set: false, hint: '' };
  return { set: true, hint: secret.length >= HINT_FROM_LENGTH ? `…${secret.slice(-4)}` : '…' };
}

/** GET /api/settings: each part's values, secrets as `{ set, hint }`, and where each field comes from. */
export type SettingsView = Record<Part, Record<string, unknown> & { from: Record<string, Origin> }> & {
  analysis: { models: ModelChoice[] };
  /** settings.json could not be used: what is wrong with it (Veille runs on the environment and defaults meanwhile). */
  fileError?: string;
};

export function settingsView({ values, from }: Resolved, models: ModelChoice[], fileError?: string): SettingsView {
  const shown = Object.fromEntries(FIELD_PATHS.map((path) => [path, isSecret(path) ? secretView(String(values[path])) : values[path]]));
  const nested = nest(shown);
  const partView = (part: Part) => ({
    ...nested[part],
    from: Object.fromEntries(FIELD_PATHS.filter((path) => partOf(path) === part).map((path) => [fieldOf(path), from[path]])),
  });
  const view: SettingsView = {
    mailbox: partView('mailbox'),
    store: partView('store'),
    analysis: { ...partView('analysis'), models },
    schedule: partView('schedule'),
    digest: partView('digest'),
  };
  return fileError ? { ...view, fileError } : view;
}
