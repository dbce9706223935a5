import { findJsonSyntaxError } from '@veille/domain';
import { api } from './api';
import { fromForm, issuesOf, toForm, type CriteriaForm, type CriteriaIssue } from './criteriaForm';

export type CriteriaMode = 'form' | 'raw';

const SAVED = 'Critères enregistrés : les prochaines analyses les suivent.';

const pretty = (json: unknown): string => JSON.stringify(json, null, 2);

/** The JSON of the raw mode, or why it is not JSON (its line and column). */
const parsed = (text: string): { json: unknown } | { error: string } => {
  const syntax = findJsonSyntaxError(text);
  if (syntax) return { error: `JSON invalide ligne ${syntax.line}, colonne ${syntax.column} : ${syntax.message}.` };
  return { json: JSON.parse(text) as unknown };
};

/**
 * The criteria being edited, shared by the editor and its form's parts: the form, or the JSON as
 * text in the raw mode, what the last save refused field by field, and the file's own breakage.
 */
class CriteriaDraft {
  form = $state<CriteriaForm>(toForm({}));
  text = $state('');
  mode = $state<CriteriaMode>('form');
  issues = $state<CriteriaIssue[]>([]);
  message = $state('');
  failed = $state(false);
  saving = $state(false);
  /** What is wrong with the file on disk, until a save replaces it. */
  broken = $state('');

  async load(): Promise<void> {
    const loaded = await api.criteria();
    this.text = loaded.text;
    this.broken = loaded.error ?? '';
    this.issues = [];
    this.message = '';
    // A file broken by hand opens as it is, in the raw mode: a JSON syntax error can only be fixed there.
    if (this.broken) this.mode = 'raw';
    else this.form = toForm(JSON.parse(loaded.text) as unknown);
  }

  /** Switches modes, carrying the edits over; a raw text that is not JSON stays until it is fixed. */
  show(mode: CriteriaMode): void {
    if (mode === this.mode) return;
    if (mode === 'raw') {
      this.text = pretty(fromForm(this.form));
    } else {
      const raw = parsed(this.text);
      if ('error' in raw) return this.#tell(raw.error, true);
      this.form = toForm(raw.json);
    }
    this.mode = mode;
    this.message = '';
  }

  async save(): Promise<void> {
    const raw = this.mode === 'raw' ? parsed(this.text) : { json: fromForm(this.form) };
    if ('error' in raw) return this.#tell(raw.error, true);
    this.saving = true;
    try {
      const reply = await api.saveCriteria(raw.json);
      this.issues = issuesOf(reply.body);
      if (!reply.ok) {
        // The form shows each message next to its field; the raw mode lists them with the fields' paths.
        const fields = this.issues.length;
        const inForm = this.mode === 'form' && fields > 0;
        return this.#tell(inForm ? `Critères non enregistrés : ${fields} champ${fields > 1 ? 's' : ''} à corriger (voir ci-dessus).` : reply.text, true);
      }
      this.broken = '';
      this.form = toForm(reply.body);
      this.text = pretty(reply.body);
      this.#tell(SAVED, false);
    } finally {
      this.saving = false;
    }
  }

  #tell(message: string, failed: boolean): void {
    this.message = message;
    this.failed = failed;
  }
}

export const draft = new CriteriaDraft();
