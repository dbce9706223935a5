import {
  newOfferSummary,
  type Activation,
  type Board,
  type CallMeter,
  type NewOffer,
  type OfferStore,
  type OfferSummary,
  type OfferUpdate,
  type PhaseId,
  type Source,
} from '@veille/domain';
import { createBatcher, type Job } from './batcher';
import { AirtableRequestError, createAirtableClient, type AirtableClient, type ClientOptions } from './client';
import type { AirtableConfig } from './config';
import { laterFields } from './laterFields';
import { listAll, listByIds, listMapped } from './reader';
import {
  dateCell,
  FILLABLE,
  keyOf,
  needsStoredValues,
  newOfferFields,
  patchFields,
  sourceFields,
  SUMMARY_FIELDS,
  toOfferRecord,
  toSource,
  toSummary,
  withoutText,
  writeAnswerSchema,
  type AirtableRecord,
  type Fields,
} from './records';
import { recentRecords } from './recentRecords';
import { OFFER_FIELDS, OFFERS, SOURCE_FIELDS, SOURCES, tablesSchema } from './schema';
import { createBaseWatch, type WatchedTable } from './watch';

export type { AirtableConfig } from './config';
export { airtableConfigFromEnv } from './config';

/** Airtable takes at most 10 records per create or update request. */
const WRITE_BATCH = 10;

const FLAG_FIELD: Record<PhaseId, string> = { import: SOURCE_FIELDS.import, enrich: SOURCE_FIELDS.enrich, analyse: SOURCE_FIELDS.analyse };
const ALL_OFFER_FIELDS = Object.values(OFFER_FIELDS);
const ALL_SOURCE_FIELDS = Object.values(SOURCE_FIELDS);
const FILLABLE_NAMES = Object.values(FILLABLE);
const MISSING_RECORD = /rec[A-Za-z0-9]{14}/;

export type AirtableStoreOptions = Omit<ClientOptions, 'meter'> & {
  availability: (board: Board) => Activation;
  meter?: CallMeter;
  now?: () => Date;
  /**
   * How long a partial batch of new offers or status updates waits for more (10 s). Airtable counts
   * calls per month (1,000 on the free plan), so a slow phase — three analyses at a time — still
   * fills its requests; a full batch, or a caller's `flush()`, sends at once.
   */
  flushDelayMs?: number;
  /** Where the webhook's id and cursor are kept across restarts (one file per base); none keeps them in memory. */
  watchFile?: string;
};

type Saved = { id: string; created: boolean };

const chunks = <T>(items: readonly T[], size = WRITE_BATCH): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
};

const unknownOffer = (id: string): Error => new Error(`Offre inconnue : ${id}`);

/**
 * The user's Airtable base as the offer store. One listing of each table feeds the projection;
 * after it, the store remembers which keys, ids and senders exist, so no phase ever searches the
 * base: writes go out in batches of 10 shared by every caller of the same moment.
 */
export type AirtableOfferStore = OfferStore & {
  /** The Offres table's id once a load found it, for links to its records. */
  offersTableId(): string | undefined;
  /** Why "Mise à jour" reads the whole base each time, said in the storage panel, or undefined. */
  refreshNote(): string | undefined;
};

export function createAirtableStore(config: AirtableConfig, options: AirtableStoreOptions, client?: AirtableClient): AirtableOfferStore {
  const api = client ?? createAirtableClient(config, options);
  const now = options.now ?? (() => new Date());
  const delayMs = options.flushDelayMs ?? 10_000;

  const sourceIds = new Map<string, string>();
  const senders = new Map<string, string>();
  const offerIds = new Map<string, string>();
  const knownIds = new Set<string>();
  const pendingKeys = new Map<string, Promise<Saved>>();
  /** What Veille just wrote or read of an offer: no phase reads back what the run already knows. */
  const recent = recentRecords();
  let sourcesLoaded = false;
  let offersTableId: string | undefined;
  const later = laterFields();
  const watch = createBaseWatch(api, options.watchFile, options.log);
  /** Changes mean something only to whoever holds this store's full load: a store just swapped in has none yet. */
  let loaded = false;

  /**
   * The two tables with the ids of the fields Veille folds, from the Meta API: the Offres table's
   * id makes links to its records, the field ids make the webhook. A token without the schema
   * scope only costs the links their precision (they lead to the base) and "Mise à jour" its
   * economy (it loads the whole base).
   */
  let tablesFound: WatchedTable[] | undefined;
  const findTables = async (): Promise<WatchedTable[]> => {
    if (tablesFound) return tablesFound;
    try {
      const { body } = await api.send('meta', { method: 'GET', path: '/tables' }, 'meta');
      const { tables } = tablesSchema.parse(body);
      offersTableId = tables.find((table) => table.name === OFFERS)?.id;
      const folded: Record<string, readonly string[]> = { [SOURCES]: ALL_SOURCE_FIELDS, [OFFERS]: SUMMARY_FIELDS };
      tablesFound = tables
        .filter((table) => folded[table.name])
        .map((table) => ({
          id: table.id,
          name: table.name,
          fieldIds: table.fields.filter((field) => folded[table.name].includes(field.name)).map((field) => field.id),
        }));
      return tablesFound;
    } catch {
      offersTableId = undefined;
      return [];
    }
  };

  const rememberSources = (records: AirtableRecord[]): Source[] => {
    const sources: Source[] = [];
    for (const record of records) {
      const source = toSource(record, options.availability);
      senders.set(record.id, source.sender);
      if (!source.sender || sourceIds.has(source.sender)) continue;
      sourceIds.set(source.sender, record.id);
      sources.push(source);
    }
    return sources;
  };

  const rememberOffer = (record: AirtableRecord): void => {
    knownIds.add(record.id);
    const key = keyOf(record);
    if (key) offerIds.set(key, record.id);
  };

  const forget = (ids: readonly string[]): void => {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    for (const id of gone) {
      knownIds.delete(id);
      recent.forget(id);
    }
    for (const [key, id] of offerIds) if (gone.has(id)) offerIds.delete(key);
  };

  const loadSources = async (): Promise<Source[]> => {
    const records = await listAll(api, SOURCES, { fields: ALL_SOURCE_FIELDS });
    sourceIds.clear();
    senders.clear();
    sourcesLoaded = true;
    return rememberSources(records);
  };

  const ensureSources = async (): Promise<void> => {
    if (!sourcesLoaded) await loadSources();
  };

  const upserts = createBatcher<{ key: string; fields: Fields }, Saved>(WRITE_BATCH, delayMs, async (jobs) => {
    await Promise.all(
      chunks(jobs).map(async (chunk) => {
        try {
          const { body, retried } = await api.send('upsert', {
            method: 'PATCH',
            path: `/${encodeURIComponent(OFFERS)}`,
            body: { records: chunk.map((job) => ({ fields: job.item.fields })), performUpsert: { fieldsToMergeOn: [OFFER_FIELDS.key] }, typecast: false },
          });
          const answer = writeAnswerSchema.parse(body);
          // After a lost answer, what the first attempt created comes back as updated.
          const created = new Set([...(answer.createdRecords ?? []), ...(retried ? (answer.updatedRecords ?? []) : [])]);
          const byKey = new Map(answer.records.map((record) => [keyOf(record), record]));
          for (const job of chunk) {
            const record = byKey.get(job.item.key);
            if (!record) {
              job.reject(new Error(`Airtable n'a pas renvoyé l'offre ${job.item.key}`));
              continue;
            }
            rememberOffer(record);
            recent.remember(record);
            job.resolve({ id: record.id, created: created.has(record.id) });
          }
        } catch (error) {
          for (const job of chunk) job.reject(error);
        }
      }),
    );
  });

  const writeUpdates = async (records: { id: string; fields: Fields; jobs: Job<OfferUpdate, void>[] }[]): Promise<void> => {
    let remaining = records;
    while (remaining.length > 0) {
      try {
        const sent = remaining;
        const { body } = await later.tolerate(() =>
          api.send('update', {
            method: 'PATCH',
            path: `/${encodeURIComponent(OFFERS)}`,
            body: { records: sent.map(({ id, fields }) => ({ id, fields: later.cells(fields) })), typecast: false },
          }),
        );
        // The answer holds each record whole: its text is there for phase 3 without a read.
        for (const record of writeAnswerSchema.parse(body).records) recent.remember(record);
        for (const record of remaining) for (const job of record.jobs) job.resolve();
        return;
      } catch (error) {
        // A record deleted by hand in Airtable fails the whole request: fail its callers, write the others.
        const missing = error instanceof AirtableRequestError && error.type === 'ROW_DOES_NOT_EXIST' ? MISSING_RECORD.exec(error.message)?.[0] : undefined;
        const gone = missing ? remaining.find((record) => record.id === missing) : undefined;
        if (!gone) {
          for (const record of remaining) for (const job of record.jobs) job.reject(error);
          return;
        }
        knownIds.delete(gone.id);
        for (const job of gone.jobs) job.reject(unknownOffer(gone.id));
        remaining = remaining.filter((record) => record !== gone);
      }
    }
  };

  const updates = createBatcher<OfferUpdate, void>(WRITE_BATCH, delayMs, async (jobs) => {
    const stored = new Map<string, Fields>();
    for (const { item } of jobs) {
      const fields = recent.get(item.id);
      if (fields && needsStoredValues(item.patch)) stored.set(item.id, fields);
    }
    const toRead = jobs.filter((job) => needsStoredValues(job.item.patch) && !stored.has(job.item.id)).map((job) => job.item.id);
    let readError: unknown;
    if (toRead.length > 0) {
      try {
        for (const record of await listByIds(api, OFFERS, toRead, FILLABLE_NAMES)) stored.set(record.id, record.fields);
      } catch (error) {
        readError = error;
      }
    }
    const byId = new Map<string, { id: string; fields: Fields; jobs: Job<OfferUpdate, void>[] }>();
    for (const job of jobs) {
      const { id, patch } = job.item;
      if (needsStoredValues(patch) && !stored.has(id)) {
        job.reject(readError ?? unknownOffer(id));
        continue;
      }
      const record = byId.get(id) ?? { id, fields: {}, jobs: [] };
      patchFields(patch, stored.get(id) ?? {}, record.fields);
      record.jobs.push(job);
      byId.set(id, record);
    }
    await Promise.all(chunks([...byId.values()]).map(writeUpdates));
  });

  const checkKnown = async (ids: string[]): Promise<void> => {
    const unknown = [...new Set(ids.filter((id) => !knownIds.has(id)))];
    if (unknown.length === 0) return;
    for (const record of await listByIds(api, OFFERS, unknown, [OFFER_FIELDS.key])) rememberOffer(record);
    const missing = unknown.filter((id) => !knownIds.has(id));
    if (missing.length > 0) throw unknownOffer(missing.join(', '));
  };

  /** Keys already stored are skipped; a key another caller is writing is waited for, never sent twice. */
  const saveOne = (offer: NewOffer, addedAt: string): { saved: Promise<Saved | undefined>; mine: boolean } => {
    if (offerIds.has(offer.key)) return { saved: Promise.resolve(undefined), mine: false };
    const pending = pendingKeys.get(offer.key);
    if (pending) return { saved: pending, mine: false };
    const sourceId = sourceIds.get(offer.source) as string;
    const saved = upserts.add([{ key: offer.key, fields: newOfferFields(offer, sourceId, addedAt) }]).then(([result]) => result);
    pendingKeys.set(offer.key, saved);
    const forget = () => pendingKeys.delete(offer.key);
    void saved.then(forget, forget);
    return { saved, mine: true };
  };

  return {
    load: async () => {
      later.retry();
      // The watch starts before the listing: a change made while the pages are read shows at the next look.
      const tables = await findTables();
      if (tables.length === 2) await watch.start(tables);
      const [sources, listed] = await Promise.all([
        loadSources(),
        later.tolerate(() => listMapped(api, OFFERS, { fields: later.names(SUMMARY_FIELDS) }, withoutText)),
      ]);
      offerIds.clear();
      knownIds.clear();
      recent.clear();
      for (const { record } of listed) rememberOffer(record);
      loaded = true;
      return {
        sources: sources.sort((a, b) => a.sender.localeCompare(b.sender)),
        offers: listed.map(({ record, hasText }) => toSummary(record, senders, hasText)),
      };
    },

    changes: async () => {
      if (!loaded) return undefined;
      const seen = await watch.changes();
      if (!seen) return undefined;
      const sourceChanges = seen.get(SOURCES);
      if (sourceChanges && sourceChanges.destroyed.size > 0) {
        options.log?.warn({ sources: [...sourceChanges.destroyed] }, 'Sources deleted in Airtable: "Mise à jour" loads the whole base');
        return undefined;
      }
      const sources = sourceChanges && sourceChanges.changed.size > 0 ? await loadSources() : [];
      const offerChanges = seen.get(OFFERS) ?? { changed: new Set<string>(), destroyed: new Set<string>() };
      const records = await later.tolerate(() => listByIds(api, OFFERS, [...offerChanges.changed], later.names(SUMMARY_FIELDS)));
      const offers = records.map((record) => {
        rememberOffer(record);
        recent.forget(record.id);
        const { record: listed, hasText } = withoutText(record);
        return toSummary(listed, senders, hasText);
      });
      const found = new Set(records.map((record) => record.id));
      // A record created then deleted, or deleted after the change was noted, is gone all the same.
      const removed = [...offerChanges.destroyed, ...[...offerChanges.changed].filter((id) => !found.has(id))];
      forget(removed);
      return { sources: sources.filter((source) => sourceChanges?.changed.has(sourceIds.get(source.sender) ?? '')), offers, removed };
    },

    addSources: async (sources) => {
      await ensureSources();
      const added = new Map(sources.filter((source) => !sourceIds.has(source.sender)).map((source) => [source.sender, source]));
      await Promise.all(
        chunks([...added.values()]).map(async (chunk) => {
          const { body } = await api.send('upsert', {
            method: 'PATCH',
            path: `/${encodeURIComponent(SOURCES)}`,
            body: {
              records: chunk.map((source) => ({ fields: sourceFields(source) })),
              performUpsert: { fieldsToMergeOn: [SOURCE_FIELDS.sender] },
              // A board choice the base lacks (one added to Veille since its setup) is created, not refused.
              typecast: true,
            },
          });
          rememberSources(writeAnswerSchema.parse(body).records);
        }),
      );
    },

    setActivation: async (sender, phase, enabled) => {
      await ensureSources();
      const id = sourceIds.get(sender);
      if (!id) throw new Error(`Source inconnue : ${sender}`);
      try {
        await api.send('update', {
          method: 'PATCH',
          path: `/${encodeURIComponent(SOURCES)}`,
          body: { records: [{ id, fields: { [FLAG_FIELD[phase]]: enabled } }], typecast: false },
        });
      } catch (error) {
        if (error instanceof AirtableRequestError && error.type === 'ROW_DOES_NOT_EXIST')
          throw new Error(`Source inconnue : ${sender} (supprimée dans Airtable)`, { cause: error });
        throw error;
      }
    },

    saveOffers: async (offers) => {
      await ensureSources();
      for (const offer of offers) {
        if (!sourceIds.has(offer.source)) throw new Error(`Source inconnue pour l'offre ${offer.key} : ${offer.source}`);
      }
      const addedAt = now().toISOString().slice(0, 10);
      const saving = offers.map((offer) => ({ offer, ...saveOne(offer, addedAt) }));
      const outcomes = await Promise.allSettled(saving.map(({ saved }) => saved));
      const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      const created: OfferSummary[] = [];
      saving.forEach(({ offer, mine }, index) => {
        const saved = (outcomes[index] as PromiseFulfilledResult<Saved | undefined>).value;
        if (!mine || !saved?.created) return;
        created.push(newOfferSummary({ ...offer, offerDate: dateCell(offer.offerDate) ?? '' }, saved.id, addedAt));
      });
      return created;
    },

    updateOffers: async (list) => {
      await checkKnown(list.map(({ id }) => id));
      await updates.add(list);
    },

    readOffers: async (ids) => {
      await ensureSources();
      const wanted = [...new Set(ids)];
      // What is in memory is taken before reading the rest: the memory may let it go meanwhile.
      const fieldsOf = new Map<string, Fields>();
      for (const id of wanted) {
        const fields = recent.get(id);
        if (fields) fieldsOf.set(id, fields);
      }
      const read = await later.tolerate(() =>
        listByIds(
          api,
          OFFERS,
          wanted.filter((id) => !fieldsOf.has(id)),
          later.names(ALL_OFFER_FIELDS),
        ),
      );
      for (const record of read) {
        rememberOffer(record);
        recent.remember(record);
        fieldsOf.set(record.id, record.fields);
      }
      return wanted.flatMap((id) => {
        const fields = fieldsOf.get(id);
        return fields ? [toOfferRecord({ id, fields }, senders)] : [];
      });
    },

    offerIdOf: (key) => Promise.resolve(offerIds.get(key)),

    offersTableId: () => offersTableId,

    refreshNote: () =>
      watch.refused()
        ? "Le jeton d'accès n'a pas le droit webhook:manage : chaque « Mise à jour » relit toute la base. Ajoutez ce droit au jeton pour ne lire que ce qui a changé."
        : undefined,

    flush: (writes) => {
      if (writes !== 'updated') upserts.flush();
      if (writes !== 'created') updates.flush();
    },

    close: async () => {
      await Promise.all([upserts.idle(), updates.idle()]);
    },
  };
}
