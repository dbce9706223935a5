import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ApiCall } from '@veille/domain';
import { ImapFlow } from 'imapflow';
import { dovecotAvailable, startDovecot, type Dovecot } from '../../../test/dovecot';
import { fixtureEmails, fixturesAvailable } from '../../../test/fixtures';
import { UnavailableError } from '../../errors';
import { EmailTooLargeError, MAX_EMAIL_BYTES } from '../../mail/decode';
import { createFolderMailbox } from '../folder-mailbox';
import type { ImapConfig } from './config';
import { createImapMailbox } from '.';

const describeWithDovecot = dovecotAvailable() ? describe : describe.skip;
const itWithFixtures = fixturesAvailable() ? it : it.skip;

/** IMAP is CRLF on the wire: what the server gives back is the message with CRLF line ends. */
const crlf = (raw: Buffer | string): Buffer => Buffer.from(Buffer.from(raw).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');

const email = (subject: string, from = 'Alertes <alert@indeed.com>'): Buffer =>
  crlf(`From: ${from}\nTo: moi@example.fr\nSubject: ${subject}\nMessage-ID: <${subject.replace(/\W/g, '')}@test>\n\n${subject}\n`);

type Direction = 'toServer' | 'toClient';

/**
 * A TCP relay between the mailbox and Dovecot: it records the commands sent, counts the bytes
 * received, and can cut the connection once when a chunk matches, without passing that chunk on.
 */
type Relay = { port: number; commands(): string[]; received(): number; cutOnce(direction: Direction, pattern: RegExp): void; close(): Promise<void> };

const startRelay = async (target: number): Promise<Relay> => {
  let sent = '';
  let received = 0;
  let cut: { direction: Direction; pattern: RegExp } | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    const relay = (from: net.Socket, to: net.Socket, direction: Direction) => {
      sockets.add(from);
      from.on('error', end).on('close', end);
      from.on('data', (chunk: Buffer) => {
        if (direction === 'toServer') sent += chunk.toString('latin1');
        else received += chunk.length;
        if (cut?.direction === direction && cut.pattern.test(chunk.toString('latin1'))) {
          cut = undefined;
          end();
          return;
        }
        to.write(chunk);
      });
    };
    relay(client, upstream, 'toServer');
    relay(upstream, client, 'toClient');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    commands: () => sent.split('\r\n').map((line) => line.replace(/^\S+ /, '')),
    received: () => received,
    cutOnce: (direction, pattern) => {
      cut = { direction, pattern };
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

const fetches = (relay: Relay): string[] => relay.commands().filter((command) => /^(UID )?FETCH /.test(command));

describeWithDovecot('IMAP mailbox against a real Dovecot', () => {
  let dovecot: Dovecot;
  let config: ImapConfig;
  let relay: Relay;
  let calls: string[];
  const meter = (call: Omit<ApiCall, 'day'>) => calls.push(call.kind);

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

  beforeEach(async () => {
    calls = [];
    relay = await startRelay(dovecot.port);
  });

  afterEach(async () => {
    await relay.close();
  });

  afterAll(async () => {
    await dovecot.remove();
  });

  const throughRelay = (overrides: Partial<ImapConfig>) => createImapMailbox({ ...config, port: relay.port, ...overrides }, { meter });

  describe('When the folder is empty', () => {
    it('should list nothing, without a FETCH (Dovecot refuses FETCH 1:* there)', async () => {
      const setup = new ImapFlow({
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.password },
        logger: false,
      });
      await setup.connect();
      await setup.mailboxCreate('Empty');
      await setup.logout();
      const mailbox = throughRelay({ folder: 'Empty' });

      const refs = await mailbox.audit();
      await mailbox.close();

      expect(refs).toEqual([]);
      expect(fetches(relay)).toEqual([]);
      expect(calls).toEqual(['connect', 'audit']);
    });
  });

  describe('When the real alerts are waiting', () => {
    itWithFixtures('should count them per sender with one envelope FETCH, as the folder mailbox reads their headers', async () => {
      const fixtures = fixtureEmails().map((fixture) => ({ ...fixture, raw: crlf(fixture.raw) }));
      for (const fixture of fixtures) await dovecot.append('Alerts', fixture.raw);
      const local = mkdtempSync(path.join(os.tmpdir(), 'veille-imap-parity-'));
      fixtures.forEach((fixture, index) => writeFileSync(path.join(local, `${String(index).padStart(3, '0')}.eml`), fixture.raw));
      const mailbox = throughRelay({ folder: 'Alerts' });
      const perSender = (senders: string[]) =>
        senders.reduce<Record<string, number>>((counts, sender) => ({ ...counts, [sender]: (counts[sender] ?? 0) + 1 }), {});

      const refs = await mailbox.audit();
      await mailbox.close();
      const headers = await createFolderMailbox(local).audit();
      rmSync(local, { recursive: true, force: true });

      expect(refs).toHaveLength(fixtures.length);
      expect(perSender(refs.map((ref) => ref.sender))).toEqual(perSender(fixtures.map((fixture) => fixture.sender.toLowerCase())));
      expect(refs.map(({ sender, subject }) => ({ sender, subject }))).toEqual(headers.map(({ sender, subject }) => ({ sender, subject })));
      expect(fetches(relay)).toHaveLength(1);
      expect(fetches(relay)[0]).toMatch(/^FETCH 1:\* \(UID ENVELOPE[A-Z ]*\)$/);
      expect(calls).toEqual(['connect', 'audit']);
    });

    itWithFixtures('should read each one back byte for byte', async () => {
      const fixtures = fixtureEmails().map((fixture) => crlf(fixture.raw));
      for (const raw of fixtures) await dovecot.append('Reading', raw);
      const mailbox = throughRelay({ folder: 'Reading' });

      const refs = await mailbox.audit();
      const read = [];
      for (const ref of refs) read.push(Buffer.from(await mailbox.read(ref.id)));
      await mailbox.close();

      expect(read).toHaveLength(fixtures.length);
      read.forEach((raw, index) => expect(raw.equals(fixtures[index])).toBe(true));
      expect(calls.filter((kind) => kind === 'connect')).toEqual(['connect']);
    });
  });

  describe('When an email is larger than the cap', () => {
    it('should refuse it as too large without downloading it whole', async () => {
      const huge = Buffer.concat([email('Énorme'), Buffer.alloc(MAX_EMAIL_BYTES + 512 * 1024, 'a')]);
      await dovecot.append('Big', huge);
      const mailbox = throughRelay({ folder: 'Big' });
      const [ref] = await mailbox.audit();

      const reading = mailbox.read(ref.id);

      await expect(reading).rejects.toBeInstanceOf(EmailTooLargeError);
      await expect(reading).rejects.toThrow(/Email trop volumineux \(\d+ Ko, limite 2048 Ko\)/);
      expect(relay.received()).toBeLessThan(MAX_EMAIL_BYTES + 64 * 1024);
      await mailbox.close();
    });
  });

  describe('When an email is archived', () => {
    it('should move it to the archive folder, creating that folder once', async () => {
      for (const subject of ['un', 'deux']) await dovecot.append('Moving', email(subject));
      const mailbox = throughRelay({ folder: 'Moving', archiveFolder: 'Rangé' });
      const [first, second] = await mailbox.audit();

      await mailbox.archive(first.id);
      await mailbox.archive(second.id);
      const left = await mailbox.audit();
      await mailbox.close();
      const archive = createImapMailbox({ ...config, folder: 'Rangé' });
      const archived = await archive.audit();
      await archive.close();

      expect(left).toEqual([]);
      expect(archived.map((ref) => ref.subject)).toEqual(['un', 'deux']);
      expect(relay.commands().filter((command) => command.startsWith('CREATE'))).toHaveLength(1);
      expect(existsSync(path.join(dovecot.maildir, '.Rang&AOk-'))).toBe(true);
    });

    it('should say clearly that an email already archived is no longer there', async () => {
      await dovecot.append('Twice', email('une fois'));
      const mailbox = throughRelay({ folder: 'Twice' });
      const [ref] = await mailbox.audit();
      await mailbox.archive(ref.id);

      await expect(mailbox.archive(ref.id)).rejects.toThrow(`Email ${ref.id} absent du dossier IMAP Twice (déjà archivé ?).`);
      await expect(mailbox.read(ref.id)).rejects.toThrow(`Email ${ref.id} absent du dossier IMAP Twice (déjà archivé ?).`);
      await mailbox.close();
    });
  });

  describe('When the mailbox cannot be used', () => {
    it('should say that the password is wrong, naming the user and never showing the password', async () => {
      // A wrong password slows every later login on that server: it gets one of its own.
      const own = await startDovecot();
      const mailbox = createImapMailbox({ ...config, port: own.port, password: 'not-the-password' });

      const failure = mailbox.audit();

      await expect(failure).rejects.toBeInstanceOf(UnavailableError);
      await expect(failure).rejects.toThrow(`Connexion IMAP refusée : identifiant ou mot de passe incorrect (identifiant : ${own.user}).`);
      await expect(failure).rejects.not.toThrow('not-the-password');
      await own.remove();
    });

    it.each([
      ['a closed port', { port: 1 }, 'Serveur IMAP injoignable : 127.0.0.1:1 (connexion refusée).'],
      ['an unknown host', { host: 'imap.veille.invalid' }, /^Serveur IMAP injoignable : imap\.veille\.invalid:\d+ \(nom d'hôte/],
      [
        'TLS on a plain port',
        { secure: true },
        /^Connexion IMAP chiffrée impossible avec 127\.0\.0\.1:\d+ : vérifiez le chiffrement TLS \(activé\) et le port/,
      ],
      ['an unknown folder', { folder: 'Nulle-part' }, 'Dossier IMAP introuvable : « Nulle-part ».'],
    ])('should say it clearly for %s', async (_case, overrides, message) => {
      const mailbox = createImapMailbox({ ...config, ...overrides });

      const failure = mailbox.audit();

      await expect(failure).rejects.toBeInstanceOf(UnavailableError);
      await expect(failure).rejects.toThrow(message);
      await expect(failure).rejects.not.toThrow(config.password);
      await mailbox.close();
    });
  });

  describe('When the connection drops', () => {
    it('should run a command cut mid-way once more on a new connection', async () => {
      for (const subject of ['coupé', 'repris']) await dovecot.append('Cut', email(subject));
      const mailbox = throughRelay({ folder: 'Cut', archiveFolder: 'Cut-archive' });

      relay.cutOnce('toServer', /FETCH 1:\*/);
      const refs = await mailbox.audit();
      relay.cutOnce('toServer', /BODY\.PEEK\[\]/);
      const raw = Buffer.from(await mailbox.read(refs[0].id));
      relay.cutOnce('toServer', /UID MOVE/);
      await mailbox.archive(refs[0].id);
      const left = await mailbox.audit();
      await mailbox.close();

      expect(refs.map((ref) => ref.subject)).toEqual(['coupé', 'repris']);
      expect(raw.equals(email('coupé'))).toBe(true);
      expect(left.map((ref) => ref.subject)).toEqual(['repris']);
      expect(calls.filter((kind) => kind === 'connect')).toHaveLength(4);
    });

    it('should say the email is gone, not crash, when the move was done but its answer lost', async () => {
      await dovecot.append('Lost', email('déplacé'));
      const mailbox = throughRelay({ folder: 'Lost', archiveFolder: 'Lost-archive' });
      const [ref] = await mailbox.audit();
      await mailbox.archive(ref.id);
      await dovecot.append('Lost', email('suivant'));
      const [next] = await mailbox.audit();

      relay.cutOnce('toClient', /COPYUID/);
      const archiving = mailbox.archive(next.id);

      await expect(archiving).rejects.toThrow(`Email ${next.id} absent du dossier IMAP Lost (déjà archivé ?).`);
      expect(await mailbox.audit()).toEqual([]);
      const archive = createImapMailbox({ ...config, folder: 'Lost-archive' });
      expect((await archive.audit()).map((ref) => ref.subject)).toEqual(['déplacé', 'suivant']);
      await archive.close();
      await mailbox.close();
    });

    it('should say the server is unreachable while it is down, and work again once it is back', async () => {
      await dovecot.append('Restart', email('avant'));
      const mailbox = createImapMailbox({ ...config, folder: 'Restart' }, { meter });
      await mailbox.audit();

      await dovecot.stop();
      const whileDown = mailbox.audit();
      await expect(whileDown).rejects.toBeInstanceOf(UnavailableError);
      await expect(whileDown).rejects.toThrow(`Serveur IMAP injoignable : 127.0.0.1:${dovecot.port} (connexion refusée).`);
      await dovecot.start();
      const refs = await mailbox.audit();
      await mailbox.close();

      expect(refs.map((ref) => ref.subject)).toEqual(['avant']);
      expect(calls).toEqual(['connect', 'audit', 'connect', 'connect', 'audit']);
    });
  });
});
