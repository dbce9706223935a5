import type { PhaseId } from '@veille/domain';

/** What the page needs from any POST answer: whether it worked, and what to tell the user. */
export type Reply = {
  readonly ok: boolean;
  readonly status: number;
  /** The server's `error` or `message`, in French, or '' when it said nothing to show. */
  readonly text: string;
};

const textOf = (body: unknown): string => {
  if (typeof body !== 'object' || body === null) return '';
  const { error, message } = body as Record<string, unknown>;
  if (typeof error === 'string') return error;
  return typeof message === 'string' ? message : '';
};

// Never throws: a network failure or a non-JSON answer becomes a Reply the page can display.
const post = async (path: string, body?: unknown): Promise<Reply> => {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, text: 'Serveur injoignable.' };
  }
  const text = textOf(await response.json().catch(() => undefined));
  return { ok: response.ok, status: response.status, text: text || (response.ok ? '' : `Erreur ${response.status}.`) };
};

/** The page's only HTTP calls; everything it reads comes through the event stream. */
export const api = {
  startRun: () => post('/api/runs'),
  stopRun: () => post('/api/runs/stop'),
  refresh: () => post('/api/refresh'),
  setActivation: (sender: string, phase: PhaseId, enabled: boolean) =>
    post(`/api/sources/${encodeURIComponent(sender)}/activation`, { phase, enabled }),
};
