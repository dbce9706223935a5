import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
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

/** A TLS server with a certificate signed by itself, as a misconfigured or intercepted server shows. */
function selfSignedServer(): Promise<{ port: number; close: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veille-tls-'));
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], {
    stdio: 'ignore',
  });
  const server = tls.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (socket) => socket.end('* OK IMAP ready\r\n'));
  rmSync(dir, { recursive: true, force: true });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() })),
  );
}

describe('Settings: "Tester la connexion" says exactly what is wrong', () => {
  let app: Veille;
  let cleanup: () => void;

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir);
  });

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  const mailbox = { kind: 'imap', host: '127.0.0.1', secure: true, user: 'moi@example.org', password: 'app-password-0000', folder: 'INBOX' };

  it('should say the server cannot be reached', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });

    const answer = await settingsApi(app.url).test({ part: 'mailbox', values: { ...mailbox, port: closed } });

    expect(answer).toEqual({ status: 200, body: { ok: false, message: `Serveur IMAP injoignable : 127.0.0.1:${closed} (connexion refusée).`, details: {} } });
  });

  it("should say the server's certificate is refused", async () => {
    const server = await selfSignedServer();

    const answer = await settingsApi(app.url).test({ part: 'mailbox', values: { ...mailbox, port: server.port } });
    server.close();

    expect(answer.body).toEqual({
      ok: false,
      message: `Certificat du serveur IMAP refusé : 127.0.0.1:${server.port} (DEPTH_ZERO_SELF_SIGNED_CERT).`,
      details: {},
    });
  });

  it('should refuse a test without what the mailbox connects with, naming the field', async () => {
    const answer = await settingsApi(app.url).test({ part: 'mailbox', values: { kind: 'imap', host: 'imap.example.org', port: 'x' } });
    const part = await settingsApi(app.url).test({ part: 'boîte' });

    expect(answer).toEqual({
      status: 400,
      body: { error: 'Test impossible : corrigez les champs signalés.', fields: { 'mailbox.port': 'un numéro de port est attendu' } },
    });
    expect(part.body.fields).toEqual({ part: 'attendu « mailbox », « store », « analysis » ou « digest »' });
  });
});
