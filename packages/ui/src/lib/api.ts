import type { PhaseId } from '@veille/domain';

type Answer = { ok: boolean; status: number; body: { error?: string; message?: string; started?: boolean } };

const post = async (path: string, body?: unknown): Promise<Answer> => {
  const response = await fetch(path, {
    method: 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as Answer['body'];
  return { ok: response.ok, status: response.status, body: json };
};

/** The only HTTP calls of the page; reading goes through the event stream. */
export const api = {
  startRun: () => post('/api/runs'),
  stopRun: () => post('/api/runs/stop'),
  refresh: () => post('/api/refresh'),
  setActivation: (sender: string, phase: PhaseId, enabled: boolean) =>
    post(`/api/sources/${encodeURIComponent(sender)}/activation`, { phase, enabled }),
};
