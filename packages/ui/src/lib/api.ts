import type { AutoRunMode, AutoRunPlan, DayUsage, OfferItem, PhaseId, RecordedRun, Status } from '@veille/domain';
import { apiParams, type WorkspaceFilter } from './filter';
import { fieldMessages } from './settings';

/** What the page needs from any POST answer: whether it worked, and what to tell the user. */
export type Reply = {
  readonly ok: boolean;
  readonly status: number;
  /** The server's `error` or `message`, in French, or '' when it said nothing to show. */
  readonly text: string;
  /** The whole answer, for the few calls that bring more than a message. */
  readonly body?: unknown;
};

const textOf = (body: unknown): string => {
  if (typeof body !== 'object' || body === null) return '';
  const { error, message } = body as Record<string, unknown>;
  if (typeof error === 'string') return error;
  return typeof message === 'string' ? message : '';
};

/** A 401 means the session ended (ACCESS_TOKEN changed, cookie gone): back to the login form. */
export function toLoginOn401(response: Response): Response {
  if (response.status === 401) window.location.assign('/login');
  return response;
}

// Never throws: a network failure or a non-JSON answer becomes a Reply the page can display.
const send = async (method: 'POST' | 'PUT', path: string, body?: unknown): Promise<Reply> => {
  let response: Response;
  try {
    response = toLoginOn401(
      await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  } catch {
    return { ok: false, status: 0, text: 'Serveur injoignable.' };
  }
  const answer: unknown = await response.json().catch(() => undefined);
  const text = textOf(answer);
  return { ok: response.ok, status: response.status, text: text || (response.ok ? '' : `Erreur ${response.status}.`), body: answer };
};

/** `GET /api/offers/:id`: the offer as the list shows it, with its text. */
export type OfferDetail = OfferItem & { readonly text: string; readonly airtableUrl?: string };

/** `GET /api/offers`: one page of the list. */
export type OfferPage = { readonly total: number; readonly items: readonly OfferItem[] };

/** A GET that answers JSON, or the French sentence to show instead (never throws). */
const read = async <T>(path: string, signal?: AbortSignal): Promise<T | string> => {
  try {
    const response = toLoginOn401(await fetch(path, { signal }));
    const body: unknown = await response.json().catch(() => undefined);
    return response.ok ? (body as T) : textOf(body) || `Erreur ${response.status}.`;
  } catch (error) {
    if (signal?.aborted) throw error;
    return 'Serveur injoignable.';
  }
};

const listOffers = (filter: WorkspaceFilter, offset: number, limit: number, signal?: AbortSignal): Promise<OfferPage | string> => {
  const params = apiParams(filter);
  params.set('offset', String(offset));
  params.set('limit', String(limit));
  return read<OfferPage>(`/api/offers?${params}`, signal);
};

const post = (path: string, body?: unknown) => send('POST', path, body);

/** The criteria as JSON text for the editor; a file broken by hand comes as it is, with what is wrong. */
export type CriteriaText = { readonly text: string; readonly error?: string };

const criteria = async (): Promise<CriteriaText> => {
  try {
    const response = await fetch('/api/criteria');
    const body: unknown = await response.json();
    if (response.ok) return { text: JSON.stringify(body, null, 2) };
    const text = (body as { text?: unknown } | null)?.text;
    return { text: typeof text === 'string' ? text : '', error: textOf(body) || `Erreur ${response.status}.` };
  } catch {
    return { text: '', error: 'Serveur injoignable.' };
  }
};

/** `baseUrl`: the Airtable base, in Airtable mode. */
/** `refreshNote`: why "Mise à jour" reads the whole store each time (a token without Airtable's webhook:manage scope). */
export type StorageInfo = { label: string; preparable: boolean; loadError?: string; baseUrl?: string; refreshNote?: string };
export type Preparation = { ok: boolean; text: string; created: string[]; problems: string[] };

const storage = async (): Promise<StorageInfo | undefined> => {
  try {
    const response = await fetch('/api/storage');
    return response.ok ? ((await response.json()) as StorageInfo) : undefined;
  } catch {
    return undefined;
  }
};

const lines = (body: unknown, key: 'created' | 'problems'): string[] => {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value.map(String) : [];
};

/** Creates what the Airtable base lacks and checks the rest, as `pnpm setup:airtable` does. */
const prepareStorage = async (): Promise<Preparation> => {
  const reply = await post('/api/storage/setup');
  const problems = lines(reply.body, 'problems');
  return { ok: reply.ok && problems.length === 0, text: reply.text, created: lines(reply.body, 'created'), problems };
};

/**
 * `POST /api/settings/test`'s answer: `details` holds, for the mailbox, its `folders` and `count`;
 * `fields` what a 400 refused, by JSON path.
 */
export type SettingsTest = {
  readonly ok: boolean;
  readonly message: string;
  readonly details: Record<string, unknown>;
  readonly fields: Record<string, string>;
};

/** Tries a part of the settings with the values not saved yet (only what differs from the saved ones). */
const testSettings = async (part: string, values: Record<string, unknown>): Promise<SettingsTest> => {
  const reply = await post('/api/settings/test', { part, values });
  const body = typeof reply.body === 'object' && reply.body !== null ? (reply.body as Record<string, unknown>) : {};
  const details = typeof body.details === 'object' && body.details !== null ? (body.details as Record<string, unknown>) : {};
  return { ok: reply.ok && body.ok === true, message: reply.text, details, fields: fieldMessages(body) };
};

/** `GET /api/schedule`: the mode, the next run, whether AUTO_RUN holds the mode, and the zone a daily time is read in. */
export type ScheduleInfo = AutoRunPlan & { readonly from: 'env' | 'file' | 'default'; readonly timeZone: string };

/** The page's only HTTP calls; the table and the runs come through the event stream. */
export const api = {
  listOffers,
  offer: (id: string, signal?: AbortSignal) => read<OfferDetail>(`/api/offers/${encodeURIComponent(id)}`, signal),
  /** All or nothing: a refusal (409 for a transition, 400 not a status, 404 unknown offer) comes with its French message. */
  setStatus: (ids: readonly string[], status: Status) => post('/api/offers/status', { ids, status }),
  /** 201 `{ id }`; a job already known is a 409 that also names it. */
  addOffer: (offer: { url: string; title?: string; company?: string }) => post('/api/offers', offer),
  /** The CSV of the current filter, as a link: the browser downloads it itself. */
  csvHref: (filter: WorkspaceFilter) => `/api/offers.csv?${apiParams(filter)}`,
  criteria,
  storage,
  prepareStorage,
  saveCriteria: (criteria: unknown) => send('PUT', '/api/criteria', criteria),
  /** The settings (never a secret, only whether one is saved), or the French sentence to show instead. */
  settings: () => read<object>('/api/settings'),
  /** 200 with the new settings; 400 names each refused field in `fields`; a 409 says why not now. */
  saveSettings: (changes: Record<string, unknown>) => send('PUT', '/api/settings', changes),
  testSettings,
  startRun: () => post('/api/runs'),
  /** The last runs, newest first ("Derniers traitements"). */
  runs: (limit: number) => read<{ runs: RecordedRun[] }>(`/api/runs?limit=${limit}`),
  /** The API consumption of the last `days` days, oldest first. */
  usageDays: (days: number) => read<{ days: DayUsage[] }>(`/api/usage/days?days=${days}`),
  stopRun: () => post('/api/runs/stop'),
  schedule: () => read<ScheduleInfo>('/api/schedule'),
  /** 200 with the new schedule; a 400 says in French what is wrong (or that AUTO_RUN holds it). */
  saveSchedule: (mode: AutoRunMode) => send('PUT', '/api/schedule', { mode }),
  refresh: () => post('/api/refresh'),
  setActivation: (sender: string, phase: PhaseId, enabled: boolean) => post(`/api/sources/${encodeURIComponent(sender)}/activation`, { phase, enabled }),
};
