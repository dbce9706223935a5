import { ConflictError, formatUsd, type CallMeter } from '@veille/domain';
import type { Logger } from 'pino';
import { z } from 'zod';
import { checkAirtable } from '../adapters/airtable/check';
import { checkClaude } from '../adapters/anthropic/check';
import { modelChoices } from '../adapters/anthropic/pricing';
import { createFolderMailbox } from '../adapters/folder-mailbox';
import { checkImap } from '../adapters/imap/check';
import type { Config } from '../config';
import { attemptWrite } from '../disk/writeFailures';
import { messageOf, redact } from '../errors';
import type { Bus, SettingsPort, SettingsTest } from '../ports';
import { InvalidSettingsError } from '../settings/errors';
import { flatten, SECRETS, type Part, type Values } from '../settings/fields';
import { setAsideBroken, writeSettingsFile, type SettingsFile } from '../settings/file';
import { resolve, servicesOf, type Services } from '../settings/resolve';
import { issuesOf, requirements, updateSchema } from '../settings/schema';
import { digestSettingsOf, type DigestSettings } from '../settings/digest';
import { decideUpdate, withChanges } from '../settings/update';
import { settingsView } from '../settings/view';
import { testDigest } from './digest';

export type SettingsServiceDeps = {
  readonly config: Config;
  readonly file: string;
  readonly initial: SettingsFile;
  readonly bus: Bus;
  readonly now: () => Date;
  readonly log: Logger;
  readonly meter: CallMeter;
  /** The redaction list everyone holds: secrets saved or tested join it at once. */
  readonly secrets: string[];
  /** The folder mailbox's folder, for a test of the embedded mailbox. */
  readonly mailboxFolder: string;
  /** Puts the saved services in place of the previous ones (no run is active). */
  readonly apply: (next: Services, previous: Services) => Promise<void>;
};

const testBody = z.object(
  {
    part: z.enum(['mailbox', 'store', 'analysis', 'digest'], { error: 'attendu « mailbox », « store », « analysis » ou « digest »' }),
    values: z.unknown().optional(),
  },
  { error: 'Corps attendu : { "part": "mailbox" | "store" | "analysis" | "digest", "values": { … } }' },
);

const DURING_RUN =
  'Paramètres non enregistrés : un traitement est en cours. Enregistrez-les après sa fin (ou arrêtez-le) : ils serviront dès le traitement suivant.';

const UNTESTED = 'Test impossible : corrigez les champs signalés.';

const SAVE = { failed: "les paramètres n'ont pas pu être enregistrés", kept: 'settings.json garde sa version précédente' };

const emails = (count: number): string => `${count} email${count > 1 ? 's' : ''}`;

/** settings.json over the environment, as the page reads, saves and tests it. */
export function settingsService(deps: SettingsServiceDeps): { port: SettingsPort; services(): Services; digest(): DigestSettings } {
  const { config, file, bus, log, secrets } = deps;
  const env = config.settingsEnv.values;
  let fileValues: Partial<Values> = deps.initial.valid ? deps.initial.values : {};
  let fileError = deps.initial.valid ? undefined : deps.initial.error;
  if (fileError) log.error({ error: fileError }, 'settings.json unusable: Veille runs on the environment and defaults until a valid save');

  const keep = (values: Partial<Values>): void => {
    for (const path of SECRETS) {
      const secret = values[path];
      if (secret && !secrets.includes(secret)) secrets.push(secret);
    }
  };
  keep(fileValues);

  const resolved = () => resolve(env, fileValues);
  const services = () => servicesOf(resolved().values, config.settingsEnv);
  const view = () => settingsView(resolved(), modelChoices(), fileError);
  // Only the services are replaced between runs: when Veille runs by itself may change at any time.
  const refuseDuringRun = (body: unknown): void => {
    const scheduleOnly = typeof body === 'object' && body !== null && Object.keys(body).every((part) => part === 'schedule');
    if (bus.current().run.active && !scheduleOnly) throw new ConflictError(DURING_RUN);
  };

  // One save at a time, in the order they came: the file and the adapters end on the last one.
  let saving: Promise<unknown> = Promise.resolve();
  const save = async (body: unknown) => {
    refuseDuringRun(body);
    const next = decideUpdate(body, { env, file: fileValues });
    keep(next);
    refuseDuringRun(body);
    await attemptWrite(SAVE, async () => {
      const aside = fileError ? await setAsideBroken(file, deps.now()) : undefined;
      if (aside) log.warn({ kept: aside }, 'the unusable settings.json is kept beside the new one');
      await writeSettingsFile(file, next);
    });
    const previous = services();
    fileValues = next;
    fileError = undefined;
    log.info({ fields: Object.keys(flatten(body)) }, 'settings saved');
    await deps.apply(services(), previous);
    return view();
  };

  /** The part's values to test: unsaved ones over the saved ones, the environment's winning as it would on save. */
  const valuesToTest = (part: Part, unsaved: unknown): Values => {
    const nested = typeof unsaved === 'object' && unsaved !== null && part in unsaved ? unsaved : { [part]: unsaved ?? {} };
    const parsed = updateSchema.safeParse(nested);
    if (!parsed.success) throw new InvalidSettingsError(issuesOf(parsed.error), UNTESTED);
    const merged = withChanges(fileValues, flatten(parsed.data));
    keep(merged);
    const values = resolve(env, merged).values;
    const missing = Object.fromEntries(Object.entries(requirements(values)).filter(([path]) => path.startsWith(`${part}.`)));
    if (Object.keys(missing).length > 0) throw new InvalidSettingsError(missing, UNTESTED);
    return values;
  };

  const testPart = async (part: Part, values: Values): Promise<SettingsTest> => {
    const tested = servicesOf(values, config.settingsEnv);
    if (part === 'mailbox') {
      if (!tested.imap) {
        const count = (await createFolderMailbox(deps.mailboxFolder).audit()).length;
        return { ok: true, message: `Dossier local : ${emails(count)} dans ${deps.mailboxFolder}.`, details: { folders: [], count } };
      }
      const { folders, count } = await checkImap(tested.imap);
      if (count === null) {
        return {
          ok: false,
          message: `Connecté, mais le dossier « ${tested.imap.folder} » n'existe pas sur le serveur : choisissez-en un dans la liste.`,
          details: { folders },
        };
      }
      return { ok: true, message: `Connecté : ${emails(count)} dans ${tested.imap.folder}.`, details: { folders, count } };
    }
    if (part === 'store') {
      if (!tested.airtable) return { ok: true, message: 'SQLite : la base intégrée, sur ce disque, ne demande rien.', details: {} };
      const { tables, prepared } = await checkAirtable(tested.airtable);
      return {
        ok: true,
        message: prepared
          ? 'Jeton et base acceptés : les tables Sources et Offres sont là.'
          : 'Jeton et base acceptés. La base n’est pas encore préparée : enregistrez, puis « Préparer / vérifier la base ».',
        details: { tables, prepared },
      };
    }
    if (part === 'digest') return testDigest(values);
    if (!tested.anthropic) return { ok: true, message: 'Analyse par règles : transparente, sans appel payant.', details: {} };
    const { costUsd } = await checkClaude(tested.anthropic, { meter: deps.meter });
    return {
      ok: true,
      message: `Claude répond (${tested.anthropic.model}) : ce test a coûté ${formatUsd(costUsd)}.`,
      details: { model: tested.anthropic.model, costUsd },
    };
  };

  return {
    services,
    digest: () => digestSettingsOf(resolved().values),
    port: {
      view,
      update: (body) => {
        const turn = saving.then(() => save(body));
        saving = turn.catch(() => undefined);
        return turn;
      },
      test: async (body) => {
        const parsed = testBody.safeParse(body);
        if (!parsed.success) throw new InvalidSettingsError(issuesOf(parsed.error), UNTESTED);
        const { part, values } = parsed.data;
        const tested = valuesToTest(part, values);
        try {
          return await testPart(part, tested);
        } catch (error) {
          const message = redact(messageOf(error), secrets);
          log.info({ part, error: message }, 'settings test failed');
          return { ok: false, message, details: {} };
        }
      },
    },
  };
}
