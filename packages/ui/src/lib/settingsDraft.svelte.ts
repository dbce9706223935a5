import { api, type SettingsTest } from './api';
import { fieldMessages, messagesOutside, readSettings, type SettingsPart, type SettingsView } from './settings';
import { changedPart, toForm, withSaved, type SettingsForm } from './settingsForm';

export type Outcome = { readonly text: string; readonly failed: boolean };
const NONE: Outcome = { text: '', failed: false };

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * The settings being edited, shared by Paramètres' sections and the Premiers pas panel: what the
 * server last answered, the form, what the last save refused field by field, and the tests.
 */
class SettingsDraft {
  view = $state.raw<SettingsView>();
  form = $state<SettingsForm>();
  /** Why the settings could not be read, in French. */
  loadError = $state('');
  /** French messages of the last refused save, by JSON path (`mailbox.host`). */
  issues = $state<Record<string, string>>({});
  saving = $state<SettingsPart>();
  saved = $state<Partial<Record<SettingsPart, Outcome>>>({});
  testing = $state<SettingsPart>();
  tested = $state<Partial<Record<SettingsPart, SettingsTest>>>({});
  /** The folders the last successful mailbox test listed: the folder is chosen among them. */
  folders = $state<string[]>([]);

  async load(): Promise<void> {
    const answer = await api.settings();
    if (typeof answer === 'string') return void (this.loadError = answer);
    this.loadError = '';
    this.#show(readSettings(answer));
  }

  /** Saves what changed in this part; the rest of the form keeps what is being typed. */
  async save(part: SettingsPart): Promise<void> {
    if (!this.view || !this.form || this.saving) return;
    const changes = changedPart(part, this.view, this.form);
    if (Object.keys(changes).length === 0) return void (this.saved[part] = { text: 'Rien à enregistrer : aucun changement.', failed: false });
    this.saving = part;
    this.saved[part] = NONE;
    try {
      const reply = await api.saveSettings({ [part]: changes });
      this.issues = fieldMessages(reply.body);
      if (!reply.ok) return void (this.saved[part] = { text: [reply.text, ...messagesOutside(part, this.issues)].join('\n'), failed: true });
      this.view = readSettings(reply.body);
      this.form = withSaved(this.form, part, this.view);
      this.saved[part] = { text: 'Paramètres enregistrés.', failed: false };
    } finally {
      this.saving = undefined;
    }
  }

  /** Tries this part with the values typed, saved or not; the answer comes within 15 s. */
  async test(part: SettingsPart): Promise<void> {
    if (!this.view || !this.form || this.testing) return;
    this.testing = part;
    delete this.tested[part];
    try {
      const result = await api.testSettings(part, changedPart(part, this.view, this.form));
      this.tested[part] = { ...result, message: [result.message, ...messagesOutside(part, result.fields)].join('\n') };
      this.issues = result.fields;
      // A folder missing is a failed test that still lists the folders to choose from.
      const folders = stringsOf(result.details.folders);
      if (part === 'mailbox' && folders.length > 0) this.folders = folders;
    } finally {
      this.testing = undefined;
    }
  }

  /** Settings read afresh: what was said of the previous form (refusals, saves, tests) goes with it. */
  #show(view: SettingsView): void {
    this.view = view;
    this.form = toForm(view);
    this.issues = {};
    this.saved = {};
    this.tested = {};
  }
}

export const settingsDraft = new SettingsDraft();
