/**
 * The settings as `GET /api/settings` answers them, read defensively: the page shows what it can
 * of an answer that lacks a part rather than breaking.
 */
export type Origin = 'env' | 'file' | 'default';
/** A secret never comes back: only whether one is saved and its last characters. */
export type Secret = { readonly set: boolean; readonly hint: string };
/** A Claude model offered in the list, with its price in dollars per million tokens when known. */
export type ModelChoice = { readonly id: string; readonly label: string; readonly input?: number; readonly output?: number };

export type MailboxSettings = {
  readonly kind: 'folder' | 'imap';
  readonly host: string;
  readonly port: number | null;
  readonly secure: boolean;
  readonly user: string;
  readonly password: Secret;
  readonly folder: string;
  readonly archiveFolder: string;
};
export type StoreSettings = { readonly kind: 'sqlite' | 'airtable'; readonly baseId: string; readonly token: Secret };
export type Cap = { readonly daily: number | null; readonly monthly: number | null };
export type AnalysisSettings = { readonly kind: 'rules' | 'claude'; readonly model: string; readonly apiKey: Secret; readonly cap: Cap };
/** The digest: the threshold (0–20), and the SMTP server of its email ('' host: no email). */
export type DigestSettings = {
  readonly minScore: number | null;
  readonly host: string;
  readonly port: number | null;
  readonly secure: boolean;
  readonly user: string;
  readonly password: Secret;
  readonly to: string;
};

export type SettingsView = {
  readonly mailbox: MailboxSettings;
  readonly store: StoreSettings;
  readonly analysis: AnalysisSettings;
  readonly digest: DigestSettings;
  /** Where each value comes from, by its JSON path (`mailbox.host`). */
  readonly origins: Readonly<Record<string, Origin>>;
  /** Empty when the server offers no list: the model is then typed. */
  readonly models: readonly ModelChoice[];
  /** What is wrong with the settings file, when Veille cannot use it. */
  readonly fileError: string;
};

/** The three parts a save or a test names. */
export type SettingsPart = 'mailbox' | 'store' | 'analysis' | 'digest';

type Fields = Record<string, unknown>;

const fieldsOf = (value: unknown): Fields => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const priceOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function secretOf(value: unknown): Secret {
  const { set, hint } = fieldsOf(value);
  return { set: set === true, hint: text(hint) };
}

const ORIGINS: readonly string[] = ['env', 'file', 'default'] satisfies Origin[];

/** `from` maps of a part, keyed by field (`host`) or by path (`mailbox.host`): both end up keyed by path. */
function originsOf(part: SettingsPart, value: unknown, into: Record<string, Origin>): void {
  for (const [key, origin] of Object.entries(fieldsOf(fieldsOf(value).from))) {
    if (typeof origin === 'string' && ORIGINS.includes(origin)) into[key.startsWith(`${part}.`) ? key : `${part}.${key}`] = origin as Origin;
  }
}

function modelsOf(value: unknown): ModelChoice[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): ModelChoice[] => {
    if (typeof item === 'string') return [{ id: item, label: item }];
    const fields = fieldsOf(item);
    const id = text(fields.id) || text(fields.model);
    if (!id) return [];
    const price = fieldsOf(fields.price);
    return [
      {
        id,
        label: text(fields.label) || text(fields.name) || id,
        input: priceOf(fields.inputPerMTok) ?? priceOf(fields.input) ?? priceOf(price.input),
        output: priceOf(fields.outputPerMTok) ?? priceOf(fields.output) ?? priceOf(price.output),
      },
    ];
  });
}

export function readSettings(body: unknown): SettingsView {
  const all = fieldsOf(body);
  const mailbox = fieldsOf(all.mailbox);
  const store = fieldsOf(all.store);
  const analysis = fieldsOf(all.analysis);
  const cap = fieldsOf(analysis.cap);
  const digest = fieldsOf(all.digest);
  const origins: Record<string, Origin> = {};
  originsOf('mailbox', mailbox, origins);
  originsOf('store', store, origins);
  originsOf('analysis', analysis, origins);
  originsOf('digest', digest, origins);
  return {
    mailbox: {
      kind: mailbox.kind === 'imap' ? 'imap' : 'folder',
      host: text(mailbox.host),
      port: numberOrNull(mailbox.port),
      secure: mailbox.secure !== false,
      user: text(mailbox.user),
      password: secretOf(mailbox.password),
      folder: text(mailbox.folder),
      archiveFolder: text(mailbox.archiveFolder),
    },
    store: { kind: store.kind === 'airtable' ? 'airtable' : 'sqlite', baseId: text(store.baseId), token: secretOf(store.token) },
    analysis: {
      kind: analysis.kind === 'claude' ? 'claude' : 'rules',
      model: text(analysis.model),
      apiKey: secretOf(analysis.apiKey),
      cap: { daily: numberOrNull(cap.daily), monthly: numberOrNull(cap.monthly) },
    },
    digest: {
      minScore: numberOrNull(digest.minScore),
      host: text(digest.host),
      port: numberOrNull(digest.port),
      secure: digest.secure === true,
      user: text(digest.user),
      password: secretOf(digest.password),
      to: text(digest.to),
    },
    origins,
    models: modelsOf(analysis.models ?? all.models),
    fileError: text(all.fileError),
  };
}

/** Whether the environment sets this value (or the object holding it): the page shows it read-only. */
export function fromEnv(view: SettingsView, path: string): boolean {
  for (let end = path.length; end > 0; end = path.lastIndexOf('.', end - 1)) {
    if (view.origins[path.slice(0, end)] === 'env') return true;
  }
  return false;
}

/**
 * A first start: the demo's folder mailbox, which nobody chose, is what runs. A mailbox set by
 * the environment, even a folder, was chosen.
 */
export function onDemoMailbox(view: SettingsView): boolean {
  return view.mailbox.kind === 'folder' && !fromEnv(view, 'mailbox.kind') && !fromEnv(view, 'mailbox.host');
}

/** What a 400 names, by JSON path: each French message goes next to its field. */
export function fieldMessages(body: unknown): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldsOf(fieldsOf(body).fields))) {
    if (typeof message === 'string') messages[path] = message;
    else if (Array.isArray(message)) messages[path] = message.filter((line) => typeof line === 'string').join(' ');
  }
  return messages;
}

/** Refusals this part's form cannot show next to a field (another part's, or the body's as a whole), as lines to show with the message. */
export function messagesOutside(part: SettingsPart, messages: Record<string, string>): string[] {
  return Object.entries(messages)
    .filter(([path]) => !path.startsWith(`${part}.`))
    .map(([path, message]) => `${path} : ${message}`);
}
