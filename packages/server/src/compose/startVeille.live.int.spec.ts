import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordedRun } from '@veille/domain';
import { dovecotAvailable, startDovecot, type Dovecot } from '../../test/dovecot';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { openSse, type SseMessage } from '../../test/sseClient';
import { demoEmails, mimeMessage } from '../demo/emails';
import { createFolderMailbox } from '../adapters/folder-mailbox';
import type { Veille } from './startVeille';

const describeWithDovecot = dovecotAvailable() ? describe : describe.skip;

const HW = 'alerte@hellowork-test.example';
const alert = (subject: string): string =>
  mimeMessage({ name: 'HelloWork', address: HW }, subject, new Date('2026-12-02T08:00:00Z'), { text: subject, html: `<p>${subject}</p>` });

const imapEnv = (dovecot: Dovecot): NodeJS.ProcessEnv => ({
  IMAP_HOST: dovecot.host,
  IMAP_PORT: String(dovecot.port),
  IMAP_SECURE: 'false',
  IMAP_USER: dovecot.user,
  IMAP_PASSWORD: dovecot.password,
});

/** Rejects when the predicate is not met by the stream within `ms`: the brief's promise is "within a few seconds". */
const within = async (ms: number, sse: ReturnType<typeof openSse>, predicate: (messages: SseMessage[]) => boolean): Promise<number> => {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not seen on the stream within ${ms} ms: ${JSON.stringify(sse.messages.slice(-5))}`)), ms);
  });
  try {
    await Promise.race([sse.waitFor(predicate), late]);
    return performance.now() - started;
  } finally {
    clearTimeout(timer);
  }
};

const counted = (sender: string, count: number) => (messages: SseMessage[]) =>
  messages.some((message) => message.event === 'MailboxAudited' && (message.data as { bySender: Record<string, number> }).bySender[sender] === count);

const watchIs =
  (state: string, after = 0) =>
  (messages: SseMessage[]) =>
    messages.slice(after).some((message) => message.event === 'MailboxWatchChanged' && (message.data as { state: string }).state === state);

const started = (messages: SseMessage[]): boolean => messages.some((message) => message.event === 'RunStarted');

const runsOf = async (app: Veille): Promise<RecordedRun[]> => ((await (await fetch(`${app.url}/api/runs`)).json()) as { runs: RecordedRun[] }).runs;

const handles = (): Record<string, number> => {
  const byKind: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) byKind[kind] = (byKind[kind] ?? 0) + 1;
  return byKind;
};

describeWithDovecot('New mail on an IMAP mailbox, while Veille runs', () => {
  let dovecot: Dovecot;
  let app: Veille | undefined;
  let sse: ReturnType<typeof openSse> | undefined;
  let cleanup: () => void;

  beforeEach(async () => {
    dovecot = await startDovecot();
  });

  afterEach(async () => {
    sse?.close();
    await app?.close();
    cleanup();
    await dovecot.remove();
  });

  const start = async (env: NodeJS.ProcessEnv = {}, quietMs?: number): Promise<Veille> => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir, { ...imapEnv(dovecot), ...env }, quietMs === undefined ? {} : { autoRunQuietMs: quietMs });
    await until(app.deps.bus, (state) => state.mailboxWatch === 'listening');
    sse = openSse(`${app.url}/api/events`);
    await sse.waitFor((messages) => messages.some((message) => message.event === 'snapshot'));
    return app;
  };

  it('should count an email appended while idle within 5 s on the stream, as a new source, with no run', async () => {
    const veille = await start();
    const stream = sse!;

    await dovecot.append('INBOX', alert('Première alerte'));
    const seconds = (await within(5_000, stream, counted(HW, 1))) / 1000;
    await dovecot.append('INBOX', alert('Deuxième alerte'));
    await within(5_000, stream, counted(HW, 2));

    console.info(`live IMAP: APPEND → MailboxAudited on the stream in ${seconds.toFixed(2)} s`);
    expect(stream.messages.some((message) => message.event === 'SourceAdded' && JSON.stringify(message.data).includes(HW))).toBe(true);
    expect(veille.deps.bus.current().toImport.get(HW)).toBe(2);
    expect(started(stream.messages)).toBe(false);
    expect(await runsOf(veille)).toEqual([]);
  });

  it('should say it reconnects when Dovecot stops, listen again once it is back, and still see new mail', async () => {
    await start();
    const stream = sse!;

    await dovecot.stop();
    await within(5_000, stream, watchIs('reconnecting'));
    const before = stream.messages.length;
    await dovecot.start();
    await within(35_000, stream, watchIs('listening', before));
    await dovecot.append('INBOX', alert('Après le redémarrage'));

    await within(5_000, stream, counted(HW, 1));
    expect(started(stream.messages)).toBe(false);
  }, 60_000);

  it('should start exactly one run, as "mail", for a burst of 5 alerts', async () => {
    const veille = await start({ AUTO_RUN: 'mail' }, 1_500);
    const burst = demoEmails(veille.url, new Date('2026-12-02T08:00:00Z'))
      .filter((email) => !email.fileName.includes('newsletter'))
      .slice(0, 5);

    for (const email of burst) await dovecot.append('INBOX', email.content);
    await until(veille.deps.bus, (state) => state.run.active);
    await runEnded(veille.deps.bus);
    // Long enough for a second run to have started, had the burst made two.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const runs = await runsOf(veille);
    expect(runs.map((run) => run.trigger)).toEqual(['mail']);
    expect(runs[0].phases.import.done).toBe(5);
    expect(veille.deps.bus.current().autoRun).toEqual({ mode: 'mail', next: null });
  }, 60_000);

  it('should move the watch to the IMAP mailbox saved in Paramètres', async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir);
    const veille = app;
    await until(veille.deps.bus, (state) => state.mailboxWatch === 'listening');

    const saved = await fetch(`${veille.url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        mailbox: { kind: 'imap', host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password, folder: 'INBOX' },
      }),
    });
    expect(saved.status).toBe(200);
    await until(veille.deps.bus, (state) => state.mailboxWatch === 'listening');
    await dovecot.append('INBOX', alert('Sur la nouvelle boîte'));

    const state = await until(veille.deps.bus, (current) => current.toImport.get(HW) === 1);
    expect(state.run.active).toBe(false);
  });

  it('should close the watch with Veille, leaving no connection nor timer behind', async () => {
    const before = handles();
    await start();

    await app!.close();
    app = undefined;
    sse!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));

    const after = handles();
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
  });
});

describe('New mail in the folder mailbox, while Veille runs', () => {
  let app: Veille | undefined;
  let dataDir: string;
  let cleanup: () => void;

  beforeEach(async () => {
    ({ dir: dataDir, cleanup } = freshDataDir());
    app = await startTestApp(dataDir);
    await until(app.deps.bus, (state) => state.mailboxWatch === 'listening');
  });

  afterEach(async () => {
    await app?.close();
    cleanup();
  });

  it('should count an .eml dropped in the folder, with no run', async () => {
    const veille = app!;
    const sse = openSse(`${veille.url}/api/events`);
    await sse.waitFor((messages) => messages.some((message) => message.event === 'snapshot'));

    writeFileSync(path.join(dataDir, 'mailbox', 'nouvelle-alerte.eml'), alert('Une alerte déposée'));
    await within(5_000, sse, counted(HW, 1));
    sse.close();

    expect(veille.deps.bus.current().sources.has(HW)).toBe(true);
    expect(started(sse.messages)).toBe(false);
  });

  it('should leave mail that arrives during a run to the run, and count it once it ends, as the folder holds it', async () => {
    const veille = app!;
    const ended = runEnded(veille.deps.bus);
    await fetch(`${veille.url}/api/runs`, { method: 'POST' });
    await until(veille.deps.bus, (state) => state.run.active);

    writeFileSync(path.join(dataDir, 'mailbox', 'pendant-le-traitement.eml'), alert('Arrivée pendant le traitement'));
    await ended;
    const after = await until(veille.deps.bus, (state) => state.toImport.get(HW) === 1);

    const listed = await createFolderMailbox(path.join(dataDir, 'mailbox')).audit();
    const waiting = Object.fromEntries([...after.toImport].filter(([, count]) => count > 0));
    const inFolder: Record<string, number> = {};
    for (const ref of listed) inFolder[ref.sender] = (inFolder[ref.sender] ?? 0) + 1;
    expect(waiting).toEqual(inFolder);
    expect((await runsOf(veille)).length).toBe(1);
  }, 60_000);

  it('should stop watching the folder when Veille closes', async () => {
    const watchers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'FSEventWrap').length;
    expect(watchers()).toBeGreaterThan(0);

    await app!.close();
    app = undefined;
    // libuv lets go of a closed watcher in the close phase of its loop, after the immediates of this turn.
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(watchers()).toBe(0);
  });
});
