/** Calls made to one external API (mailbox, store, pages, model), by kind of request. */
export type ApiUsage = {
  calls: number;
  byKind: Record<string, number>;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costUsd: number;
};

export type Usage = {
  /** The day `today` counts, as YYYY-MM-DD in the user's time zone. */
  day: string;
  run: Record<string, ApiUsage>;
  today: Record<string, ApiUsage>;
};

export type ApiCall = {
  api: string;
  kind: string;
  calls: number;
  day: string;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  costUsd?: number;
};

export function emptyApiUsage(): ApiUsage {
  return {
    calls: 0,
    byKind: {},
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    costUsd: 0,
  };
}

export function addCall(usage: ApiUsage | undefined, call: ApiCall): ApiUsage {
  const base = usage ?? emptyApiUsage();
  return {
    calls: base.calls + call.calls,
    byKind: { ...base.byKind, [call.kind]: (base.byKind[call.kind] ?? 0) + call.calls },
    inputTokens: base.inputTokens + (call.inputTokens ?? 0),
    outputTokens: base.outputTokens + (call.outputTokens ?? 0),
    cachedTokens: base.cachedTokens + (call.cachedTokens ?? 0),
    costUsd: base.costUsd + (call.costUsd ?? 0),
  };
}
