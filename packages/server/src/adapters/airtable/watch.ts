import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from '../../disk/atomicWrite';
import { messageOf } from '../../errors';
import { AirtableRequestError, type AirtableClient } from './client';

/** The tables a webhook watches, by id, with the ids of the fields Veille folds. */
export type WatchedTable = { id: string; name: string; fieldIds: string[] };

/** Per table name: records created or changed (to read again) and records destroyed, since the last look. */
export type SeenChanges = Map<string, { changed: Set<string>; destroyed: Set<string> }>;

export type BaseWatch = {
  /**
   * Before a full listing: a webhook watches the tables from now on (the one kept from an earlier
   * start when it is still alive), and every payload already waiting is skipped — the listing
   * that follows reads what they say.
   */
  start(tables: readonly WatchedTable[]): Promise<void>;
  /** What changed since the last look, or undefined when the webhook cannot tell (none, expired, gone). */
  changes(): Promise<SeenChanges | undefined>;
  /** Whether Airtable refused the token webhooks: every "Mise à jour" then reads the whole base. */
  refused(): boolean;
};

type Log = { warn: (details: object, message: string) => void; info?: (details: object, message: string) => void };

/** The webhook, its next cursor, and the names of the tables it watches by id (payloads name tables by id). */
const stateSchema = z.object({ webhookId: z.string(), cursor: z.number().int().positive(), tables: z.record(z.string(), z.string()) });
type State = z.infer<typeof stateSchema>;

const createdSchema = z.object({ id: z.string() });
const webhookListSchema = z.object({
  webhooks: z.array(
    z.object({
      id: z.string(),
      cursorForNextPayload: z.number().int(),
      specification: z.object({
        options: z.object({ filters: z.object({ watchDataInFieldIds: z.array(z.string()).optional() }).passthrough() }).passthrough(),
      }),
    }),
  ),
});
const tableChangesSchema = z.object({
  createdRecordsById: z.record(z.string(), z.unknown()).optional(),
  changedRecordsById: z.record(z.string(), z.unknown()).optional(),
  destroyedRecordIds: z.array(z.string()).optional(),
});
const payloadPageSchema = z.object({
  cursor: z.number().int(),
  mightHaveMore: z.boolean(),
  payloads: z.array(
    z.object({ error: z.boolean().optional(), code: z.string().optional(), changedTablesById: z.record(z.string(), tableChangesSchema).optional() }),
  ),
});

/** A webhook whose payloads Veille lists itself: Airtable sends nothing, so no notification URL. */
const specification = (fieldIds: readonly string[]) => ({ options: { filters: { dataTypes: ['tableData'], watchDataInFieldIds: [...fieldIds] } } });

const sameFields = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  !!a && a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** A 401/403 on webhooks: the token lacks the webhook:manage scope (or the base is read-only for it). */
const isRefused = (error: unknown): boolean => error instanceof AirtableRequestError && (error.status === 401 || error.status === 403);

/**
 * What changed in the base since the last look, through one webhook without notification URL:
 * its payloads are listed from a cursor only when asked ("Mise à jour", the start of a run), which
 * as Airtable documents also gives it 7 more days, so it needs no refresh of its own. A webhook
 * found again at a start is refreshed instead. The webhook id and the cursor are kept in `file`
 * (per base) so that a restart finds the same webhook instead of leaving one behind.
 */
export function createBaseWatch(api: AirtableClient, file: string | undefined, log: Log | undefined): BaseWatch {
  let state: State | undefined;
  let restored = false;
  let refused = false;

  const save = async (next: State | undefined): Promise<void> => {
    state = next;
    if (!file) return;
    try {
      if (next) await writeFileAtomically(file, JSON.stringify(next));
      else await rm(file, { force: true });
    } catch (error) {
      log?.warn({ error: messageOf(error) }, 'Airtable webhook: its cursor could not be saved, the next start loads the whole base');
    }
  };

  const restore = async (): Promise<void> => {
    if (restored || !file) return;
    restored = true;
    try {
      state = stateSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    } catch {
      state = undefined;
    }
  };

  const giveUp = async (reason: string, error?: unknown): Promise<undefined> => {
    log?.warn({ reason, ...(error ? { error: messageOf(error) } : {}) }, 'Airtable webhook unusable: "Mise à jour" loads the whole base');
    await save(undefined);
    return undefined;
  };

  const refuse = (error: unknown): void => {
    refused = true;
    log?.warn(
      { error: messageOf(error) },
      'Airtable token without the webhook:manage scope: every "Mise à jour" loads the whole base (add the scope to the token to read only what changed)',
    );
  };

  /** The webhook kept from an earlier start, if Airtable still has it with the same fields, at its next cursor. */
  const reuse = async (kept: State, fieldIds: readonly string[]): Promise<State | undefined> => {
    const { body } = await api.send('webhook', { method: 'GET', path: '/webhooks' }, 'hooks');
    const found = webhookListSchema.parse(body).webhooks.find((hook) => hook.id === kept.webhookId);
    if (found && sameFields(found.specification.options.filters.watchDataInFieldIds, fieldIds)) {
      await api.send('webhook', { method: 'POST', path: `/webhooks/${found.id}/refresh` }, 'hooks');
      return { ...kept, cursor: found.cursorForNextPayload };
    }
    if (found) await api.send('webhook', { method: 'DELETE', path: `/webhooks/${found.id}` }, 'hooks');
    return undefined;
  };

  const start: BaseWatch['start'] = async (tables) => {
    if (refused) return;
    await restore();
    const names = Object.fromEntries(tables.map((table) => [table.id, table.name]));
    const fieldIds = tables.flatMap((table) => table.fieldIds);
    try {
      const kept = state ? await reuse(state, fieldIds) : undefined;
      if (kept) return await save({ ...kept, tables: names });
      const { body } = await api.send('webhook', { method: 'POST', path: '/webhooks', body: { specification: specification(fieldIds) } }, 'hooks');
      await save({ webhookId: createdSchema.parse(body).id, cursor: 1, tables: names });
    } catch (error) {
      if (isRefused(error)) refuse(error);
      else await giveUp('the webhook could not be created', error);
    }
  };

  const changes: BaseWatch['changes'] = async () => {
    await restore();
    if (!state || refused) return undefined;
    const seen: SeenChanges = new Map();
    const { tables } = state;
    const of = (tableId: string) => {
      const name = tables[tableId] ?? tableId;
      let entry = seen.get(name);
      if (!entry) seen.set(name, (entry = { changed: new Set(), destroyed: new Set() }));
      return entry;
    };
    let cursor = state.cursor;
    try {
      for (let more = true; more;) {
        const { body } = await api.send('webhook', { method: 'GET', path: `/webhooks/${state.webhookId}/payloads`, qs: { cursor } }, 'hooks');
        const page = payloadPageSchema.parse(body);
        for (const payload of page.payloads) {
          if (payload.error) return await giveUp(`Airtable reports an error payload (${payload.code ?? 'unknown'})`);
          for (const [tableId, change] of Object.entries(payload.changedTablesById ?? {})) {
            const entry = of(tableId);
            for (const id of [...Object.keys(change.createdRecordsById ?? {}), ...Object.keys(change.changedRecordsById ?? {})]) {
              entry.changed.add(id);
              entry.destroyed.delete(id);
            }
            for (const id of change.destroyedRecordIds ?? []) {
              entry.destroyed.add(id);
              entry.changed.delete(id);
            }
          }
        }
        cursor = page.cursor;
        more = page.mightHaveMore;
      }
    } catch (error) {
      if (isRefused(error)) {
        refuse(error);
        return undefined;
      }
      return giveUp(
        error instanceof AirtableRequestError && error.status === 404 ? 'the webhook expired or was deleted' : 'its payloads could not be read',
        error,
      );
    }
    await save({ ...state, cursor });
    return seen;
  };

  return { start, changes, refused: () => refused };
}
