import type { StateView } from '@veille/domain';
import { dovecotAvailable, startDovecot, type Dovecot } from '../../test/dovecot';
import { fixtureEmails, fixturesAvailable } from '../../test/fixtures';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { createImapMailbox } from '../adapters/imap';
import type { Veille } from './startVeille';

const describeWithDovecot = dovecotAvailable() && fixturesAvailable() ? describe : describe.skip;

const imapEnv = (dovecot: Dovecot, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  IMAP_HOST: dovecot.host,
  IMAP_PORT: String(dovecot.port),
  IMAP_SECURE: 'false',
  IMAP_USER: dovecot.user,
  IMAP_PASSWORD: dovecot.password,
  ...overrides,
});

describeWithDovecot("Veille on the user's IMAP mailbox", () => {
  let dovecot: Dovecot;
  let app: Veille;
  let cleanup: () => void;

  beforeEach(async () => {
    dovecot = await startDovecot();
  });

  afterEach(async () => {
    await app?.close();
    cleanup?.();
    await dovecot.remove();
  });

  it('should say once and clearly that the password is wrong, never show it, and not start a run', async () => {
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir, imapEnv(dovecot, { IMAP_PASSWORD: 'wrong-password-123' }));

    const response = await fetch(`${app.url}/api/runs`, { method: 'POST' });
    const view = (await (await fetch(`${app.url}/api/state`)).json()) as StateView;

    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toContain('identifiant ou mot de passe incorrect');
    expect(body).not.toContain('wrong-password-123');
    expect(view.mailboxError).toContain('identifiant ou mot de passe incorrect');
    expect(JSON.stringify(view)).not.toContain('wrong-password-123');
    expect(app.deps.bus.current().run.active).toBe(false);
  });

  it('should import the real alerts, archive what it stored, leave the rest, and never duplicate on a second run', async () => {
    for (const fixture of fixtureEmails()) await dovecot.append('INBOX', fixture.raw);
    let dir: string;
    ({ dir, cleanup } = freshDataDir());
    app = await startTestApp(dir, imapEnv(dovecot));
    const waiting = app.deps.bus.current();
    expect([...waiting.toImport.values()].reduce((sum, count) => sum + count, 0)).toBe(fixtureEmails().length);

    await fetch(`${app.url}/api/runs`, { method: 'POST' });
    await until(app.deps.bus, (state) => state.run.active);
    const first = await runEnded(app.deps.bus);
    const archive = createImapMailbox({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
      folder: 'Archive',
      archiveFolder: 'Archive',
    });
    const archived = await archive.audit();
    await archive.close();

    expect(first.offers.size).toBeGreaterThan(50);
    expect(archived.length).toBe(first.run.phases.import.done - first.run.phases.import.failed);
    expect(archived.every((ref) => first.sources.get(ref.sender)?.available.import)).toBe(true);

    const again = await fetch(`${app.url}/api/runs`, { method: 'POST' });
    if (again.status === 202) await until(app.deps.bus, (state) => state.run.active);
    const second = await runEnded(app.deps.bus);
    expect(second.offers.size).toBe(first.offers.size);
    expect(second.run.phases.import.done).toBe(first.run.phases.import.failed);
  }, 60_000);
});
