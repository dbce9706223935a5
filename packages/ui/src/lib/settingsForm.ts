import { airtableBaseId } from './airtable';
import { fromEnv, type SettingsPart, type SettingsView } from './settings';

/** What becomes of a saved secret: kept as it is, replaced by what is typed, or removed. */
export type SecretEdit = { mode: 'keep' | 'replace' | 'remove'; value: string };

/**
 * The settings as the form holds them: numbers as typed, so nothing is reformatted under the
 * cursor; the server checks what is sent and names each field it refuses.
 */
export type SettingsForm = {
  mailbox: {
    kind: 'folder' | 'imap';
    host: string;
    port: string;
    secure: boolean;
    user: string;
    password: SecretEdit;
    folder: string;
    archiveFolder: string;
  };
  store: { kind: 'sqlite' | 'airtable'; baseId: string; token: SecretEdit };
  analysis: { kind: 'rules' | 'claude'; model: string; apiKey: SecretEdit; cap: { daily: string; monthly: string } };
  digest: { minScore: string; host: string; port: string; secure: boolean; user: string; password: SecretEdit; to: string };
};

const KEEP = (): SecretEdit => ({ mode: 'keep', value: '' });
const numberText = (value: number | null): string => (value === null ? '' : String(value).replace('.', ','));

export function toForm(view: SettingsView): SettingsForm {
  const { mailbox, store, analysis } = view;
  return {
    mailbox: { ...mailbox, port: numberText(mailbox.port), password: KEEP() },
    store: { kind: store.kind, baseId: store.baseId, token: KEEP() },
    analysis: {
      kind: analysis.kind,
      model: analysis.model,
      apiKey: KEEP(),
      cap: { daily: numberText(analysis.cap.daily), monthly: numberText(analysis.cap.monthly) },
    },
    digest: { ...view.digest, minScore: numberText(view.digest.minScore), port: numberText(view.digest.port), password: KEEP() },
  };
}

/** The form once this part is saved: the part as the server now has it, the others as being typed. */
export function withSaved(form: SettingsForm, part: SettingsPart, view: SettingsView): SettingsForm {
  return { ...form, [part]: toForm(view)[part] };
}

/** A whole number as a number; anything else as typed, for the server to say what is wrong with it. */
function portValue(typed: string): number | string {
  const trimmed = typed.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Dollars, with a French decimal comma or a dot; empty is no cap. */
function dollarsValue(typed: string): number | string | null {
  const trimmed = typed.trim().replace(/\s/g, '');
  if (trimmed === '') return null;
  return /^\d+(?:[.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : typed.trim();
}

/** A secret as the API takes it: a string sets it, null removes it, nothing keeps it. */
function secretValue(edit: SecretEdit): string | null | undefined {
  if (edit.mode === 'remove') return null;
  if (edit.mode === 'replace' && edit.value !== '') return edit.value;
  return undefined;
}

type Change = { path: string; value: unknown; before: unknown };

function changesOf(part: SettingsPart, view: SettingsView, form: SettingsForm): Change[] {
  if (part === 'mailbox') {
    const [saved, typed] = [view.mailbox, form.mailbox];
    return [
      { path: 'kind', value: typed.kind, before: saved.kind },
      { path: 'host', value: typed.host.trim(), before: saved.host },
      { path: 'port', value: portValue(typed.port), before: saved.port ?? '' },
      { path: 'secure', value: typed.secure, before: saved.secure },
      { path: 'user', value: typed.user.trim(), before: saved.user },
      { path: 'password', value: secretValue(typed.password), before: undefined },
      { path: 'folder', value: typed.folder.trim(), before: saved.folder },
      { path: 'archiveFolder', value: typed.archiveFolder.trim(), before: saved.archiveFolder },
    ];
  }
  if (part === 'store') {
    const [saved, typed] = [view.store, form.store];
    return [
      { path: 'kind', value: typed.kind, before: saved.kind },
      { path: 'baseId', value: airtableBaseId(typed.baseId) || typed.baseId.trim(), before: saved.baseId },
      { path: 'token', value: secretValue(typed.token), before: undefined },
    ];
  }
  if (part === 'digest') {
    const [saved, typed] = [view.digest, form.digest];
    return [
      { path: 'minScore', value: dollarsValue(typed.minScore) ?? '', before: saved.minScore },
      { path: 'host', value: typed.host.trim(), before: saved.host },
      { path: 'port', value: portValue(typed.port), before: saved.port ?? '' },
      { path: 'secure', value: typed.secure, before: saved.secure },
      { path: 'user', value: typed.user.trim(), before: saved.user },
      { path: 'password', value: secretValue(typed.password), before: undefined },
      { path: 'to', value: typed.to.trim(), before: saved.to },
    ];
  }
  const [saved, typed] = [view.analysis, form.analysis];
  return [
    { path: 'kind', value: typed.kind, before: saved.kind },
    { path: 'model', value: typed.model.trim(), before: saved.model },
    { path: 'apiKey', value: secretValue(typed.apiKey), before: undefined },
    { path: 'cap.daily', value: dollarsValue(typed.cap.daily), before: saved.cap.daily },
    { path: 'cap.monthly', value: dollarsValue(typed.cap.monthly), before: saved.cap.monthly },
  ];
}

/**
 * The part of a `PUT /api/settings` body for what changed in this part of the form, and nothing
 * else: a value the environment sets is never sent, a secret only when replaced or removed.
 */
export function changedPart(part: SettingsPart, view: SettingsView, form: SettingsForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { path, value, before } of changesOf(part, view, form)) {
    if (value === undefined || value === before || fromEnv(view, `${part}.${path}`)) continue;
    const [head, leaf] = path.split('.');
    if (leaf === undefined) body[head] = value;
    else body[head] = { ...(body[head] as Record<string, unknown> | undefined), [leaf]: value };
  }
  return body;
}
