import { UnavailableError } from '../../app/errors';
import { dovecotAvailable, startDovecot, type Dovecot } from '../../testing/dovecot';
import { fixtureEmails, fixturesAvailable } from '../../testing/fixtures';
import type { ImapConfig } from './config';
import { createImapMailbox } from '.';

const describeWithDovecot = dovecotAvailable() ? describe : describe.skip;
const itWithFixtures = fixturesAvailable() ? it : it.skip;

describeWithDovecot('IMAP mailbox against a real Dovecot', () => {
  let dovecot: Dovecot;
  let config: ImapConfig;

  beforeAll(async () => {
    dovecot = await startDovecot();
    config = {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
      folder: 'INBOX',
      archiveFolder: 'Archive',
    };
  });

  afterAll(async () => {
    await dovecot.remove();
  });

  it('should audit an empty folder as nothing waiting', async () => {
    const mailbox = createImapMailbox({ ...config, folder: 'Empty' });
    await dovecot.append('Empty', 'From: a@b.fr\r\nSubject: x\r\n\r\nx\r\n');
    const moved = createImapMailbox({ ...config, folder: 'Empty', archiveFolder: 'Elsewhere' });
    await moved.archive((await moved.audit())[0].id);
    await moved.close();

    expect(await mailbox.audit()).toEqual([]);
    await mailbox.close();
  });

  itWithFixtures('should count the real alerts per sender with one fetch, read them whole and archive them', async () => {
    const fixtures = fixtureEmails();
    for (const fixture of fixtures) await dovecot.append('INBOX', fixture.raw);
    const calls: string[] = [];
    const mailbox = createImapMailbox(config, { meter: (call) => calls.push(call.kind) });

    const refs = await mailbox.audit();
    const raw = await mailbox.read(refs[0].id);
    await mailbox.archive(refs[0].id);
    const after = await mailbox.audit();
    await mailbox.close();

    expect(refs).toHaveLength(fixtures.length);
    expect(refs.filter((ref) => ref.sender === 'jobalerts-noreply@linkedin.com')).toHaveLength(4);
    expect(calls.filter((kind) => kind === 'audit')).toHaveLength(2);
    expect(Buffer.from(raw).equals(fixtures[0].raw) || Buffer.from(raw).toString().replace(/\r\n/g, '\n') === fixtures[0].raw.toString().replace(/\r\n/g, '\n')).toBe(true);
    expect(after).toHaveLength(fixtures.length - 1);
    expect(after.map((ref) => ref.id)).not.toContain(refs[0].id);
    const archive = createImapMailbox({ ...config, folder: 'Archive' });
    expect(await archive.audit()).toHaveLength(1);
    await archive.close();
  });

  it('should say clearly that the password is wrong, without showing it', async () => {
    const mailbox = createImapMailbox({ ...config, password: 'not-the-password' });

    const failure = mailbox.audit();

    await expect(failure).rejects.toBeInstanceOf(UnavailableError);
    await expect(failure).rejects.toThrow(`identifiant ou mot de passe incorrect (IMAP_USER=${dovecot.user})`);
    await expect(failure).rejects.not.toThrow('not-the-password');
  });

  it('should say clearly that the server cannot be reached', async () => {
    const mailbox = createImapMailbox({ ...config, port: 1 });

    await expect(mailbox.audit()).rejects.toThrow(`Serveur IMAP injoignable : 127.0.0.1:1`);
  });

  it('should say clearly that the folder does not exist', async () => {
    const mailbox = createImapMailbox({ ...config, folder: 'Nulle-part' });

    await expect(mailbox.audit()).rejects.toThrow('Dossier IMAP introuvable : IMAP_FOLDER=Nulle-part');
    await mailbox.close();
  });

  it('should reconnect with a new client after the connection drops, and go on', async () => {
    await dovecot.append('Resume', 'From: Alertes <alert@indeed.com>\r\nSubject: un\r\n\r\nun\r\n');
    await dovecot.append('Resume', 'From: Alertes <alert@indeed.com>\r\nSubject: deux\r\n\r\ndeux\r\n');
    const mailbox = createImapMailbox({ ...config, folder: 'Resume', archiveFolder: 'Resume-archive' });
    const [first, second] = await mailbox.audit();
    await mailbox.archive(first.id);

    await dovecot.stop();
    await dovecot.start();
    await mailbox.archive(second.id);

    expect(await mailbox.audit()).toEqual([]);
    await expect(mailbox.archive(first.id)).rejects.toThrow('rien à archiver');
    await mailbox.close();
  });
});
