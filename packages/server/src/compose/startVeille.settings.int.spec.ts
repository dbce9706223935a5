import { statSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { STATUS } from '@veille/domain';
import { dovecotAvailable, startDovecot, type Dovecot } from '../../test/dovecot';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { capturedLog, settingsApi } from '../../test/settingsApi';
import { openSse } from '../../test/sseClient';
import { demoEmails } from '../demo/emails';
import type { Veille } from './startVeille';

const describeWithDovecot = dovecotAvailable() ? describe : describe.skip;

describeWithDovecot('Settings: the mailbox configured from the page, against a real Dovecot', () => {
  let dovecot: Dovecot;
  let app: Veille;
  let cleanup: () => void;
  let dataDir: string;
  const captured = capturedLog();

  beforeAll(async () => {
    dovecot = await startDovecot();
    ({ dir: dataDir, cleanup } = freshDataDir());
    // No IMAP variable at all: the page's API is the only way in.
    app = await startTestApp(dataDir, {}, { log: captured.log });
  });

  afterAll(async () => {
    await app?.close();
    cleanup?.();
    await dovecot?.remove();
  });

  it('should test the connection, save it, import from the server, and never give the password back', async () => {
    const api = settingsApi(app.url);
    const stream = openSse(`${app.url}/api/events`);
    const alerts = demoEmails(app.url, new Date()).slice(0, 2);
    for (const alert of alerts) await dovecot.append('INBOX', alert.content);
    await dovecot.append('Candidatures', demoEmails(app.url, new Date())[3].content);
    const mailbox = { kind: 'imap', host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password, folder: 'INBOX' };

    const before = await api.get();
    const tested = await api.test({ part: 'mailbox', values: mailbox });
    const missing = await api.test({ part: 'mailbox', values: { ...mailbox, folder: 'Alertes' } });
    const saved = await api.put({ mailbox });
    const after = await api.get();

    expect(before.body.mailbox).toMatchObject({ kind: 'folder', password: { set: false, hint: '' }, from: { kind: 'default', host: 'default' } });
    expect(tested).toEqual({
      status: 200,
      body: { ok: true, message: 'Connecté : 2 emails dans INBOX.', details: { folders: expect.arrayContaining(['INBOX', 'Candidatures']), count: 2 } },
    });
    expect(missing.body).toMatchObject({ ok: false, details: { folders: expect.arrayContaining(['INBOX']) } });
    expect(missing.body.message).toBe("Connecté, mais le dossier « Alertes » n'existe pas sur le serveur : choisissez-en un dans la liste.");
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(after.body);
    expect(after.body.mailbox).toMatchObject({
      kind: 'imap',
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: { set: true, hint: `…${dovecot.password.slice(-4)}` },
      folder: 'INBOX',
      from: { kind: 'file', host: 'file', password: 'file', archiveFolder: 'default' },
    });
    // The demo's own emails are no longer what waits: the server's two alerts are.
    const waiting = await until(app.deps.bus, (state) => [...state.toImport.values()].reduce((sum, count) => sum + count, 0) === 2);
    expect(waiting.mailboxError).toBe('');

    const response = await fetch(`${app.url}/api/runs`, { method: 'POST' });
    expect(response.status).toBe(202);
    const state = await runEnded(app.deps.bus);

    const imported = [...state.offers.values()];
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((offer) => offer.status === STATUS.toComplete)).toEqual([]);
    expect(state.run.phases.import.worker).toBe('IMAP INBOX');
    expect(state.run.phases.import.done).toBe(2);

    // Readable by its owner only, written whole: nothing else was left in the data dir.
    const file = path.join(dataDir, 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ mailbox });
    expect(readdirSync(dataDir).filter((name) => name.includes('settings'))).toEqual(['settings.json']);

    // A wrong password last: Dovecot then slows every login from this address down.
    const wrong = await api.test({ part: 'mailbox', values: { password: 'wrong-password-9876' } });
    expect(wrong.body).toEqual({ ok: false, message: expect.stringContaining('identifiant ou mot de passe incorrect') as unknown, details: {} });

    await stream.waitFor((messages) => messages.some((message) => message.event === 'RunEnded'));
    stream.close();
    const everything = [...api.answers, JSON.stringify(stream.messages), await (await fetch(`${app.url}/api/state`)).text(), ...captured.lines].join('\n');
    expect(everything).not.toContain(dovecot.password);
    expect(everything).not.toContain('wrong-password-9876');
  }, 60_000);
});
