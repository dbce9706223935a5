import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_EMAIL_BYTES } from '../../mail/decode';
import { createFolderMailbox } from '.';

const eml = (from: string, subject: string, body = '<p>offre</p>'): string =>
  [`From: ${from}`, `Subject: ${subject}`, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '', body, ''].join('\r\n');

describe('A folder mailbox', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille-folder-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('Given .eml files and other things in the folder', () => {
    beforeEach(() => {
      writeFileSync(path.join(dir, 'b.eml'), eml('"HelloWork" <Notification@Emails.HelloWork.com>', '=?UTF-8?Q?3_offres_=C3=A0_Lyon?='));
      writeFileSync(path.join(dir, 'a.eml'), eml('alert@indeed.com', 'Data Engineer\r\n à Lyon (69)'));
      writeFileSync(path.join(dir, 'c.EML'), eml('=?UTF-8?B?SsOpcsO0bWU=?= <jobs@makesense.org>', 'Jobs à impact'));
      writeFileSync(path.join(dir, 'notes.txt'), 'pas un email');
      mkdirSync(path.join(dir, 'sub.eml'));
      writeFileSync(path.join(dir, 'sub.eml', 'inner.eml'), eml('x@y.fr', 'caché'));
    });

    it('should list the .eml files only, sorted by name, with their decoded sender and subject', async () => {
      const refs = await createFolderMailbox(dir).audit();

      expect(refs).toEqual([
        { id: 'a.eml', sender: 'alert@indeed.com', subject: 'Data Engineer à Lyon (69)' },
        { id: 'b.eml', sender: 'notification@emails.hellowork.com', subject: '3 offres à Lyon' },
        { id: 'c.EML', sender: 'jobs@makesense.org', subject: 'Jobs à impact' },
      ]);
    });

    it('should give back the raw bytes of an email', async () => {
      const raw = await createFolderMailbox(dir).read('a.eml');

      expect(Buffer.from(raw).equals(readFileSync(path.join(dir, 'a.eml')))).toBe(true);
    });

    it('should refuse ids that would reach outside the folder', async () => {
      const mailbox = createFolderMailbox(dir);

      for (const id of ['../a.eml', 'sub.eml/inner.eml', '..', 'sub.eml\\inner.eml', '']) {
        await expect(mailbox.read(id)).rejects.toThrow("Identifiant d'email invalide");
        await expect(mailbox.archive(id)).rejects.toThrow("Identifiant d'email invalide");
      }
    });

    it('should archive into archive/, created on demand, never overwriting an archived namesake', async () => {
      const mailbox = createFolderMailbox(dir);
      await mailbox.archive('a.eml');
      writeFileSync(path.join(dir, 'a.eml'), eml('alert@indeed.com', 'encore'));

      await mailbox.archive('a.eml');

      expect(readdirSync(path.join(dir, 'archive')).sort()).toEqual(['a-1.eml', 'a.eml']);
      expect(readFileSync(path.join(dir, 'archive', 'a-1.eml'), 'utf8')).toContain('encore');
      expect((await mailbox.audit()).map((ref) => ref.id)).toEqual(['b.eml', 'c.EML']);
      await mailbox.close();
    });
  });

  describe('Given emails with odd headers', () => {
    it('should give sender "" to a file with no usable From, and still list it', async () => {
      writeFileSync(path.join(dir, 'no-from.eml'), 'Subject: orphelin\r\n\r\ncorps\r\n');
      writeFileSync(path.join(dir, 'junk.eml'), Buffer.from([0, 255, 1, 254, 13, 10, 13, 10, 0]));
      writeFileSync(path.join(dir, 'empty.eml'), '');

      const refs = await createFolderMailbox(dir).audit();

      expect(refs.map((ref) => [ref.id, ref.sender])).toEqual([
        ['empty.eml', ''],
        ['junk.eml', ''],
        ['no-from.eml', ''],
      ]);
    });

    it('should read only the header block: a From in the body is not the sender', async () => {
      writeFileSync(path.join(dir, 'a.eml'), eml('alert@indeed.com', 'offres', `${'x'.repeat(70_000)}\r\nFrom: intrus@example.org\r\n`));

      expect((await createFolderMailbox(dir).audit())[0].sender).toBe('alert@indeed.com');
    });

    it('should find a blank line that falls across two reads', async () => {
      const padding = `X-Padding: ${'p'.repeat(4096 - 'X-Padding: '.length - 'From: alert@indeed.com\r\n'.length - 2)}`;
      writeFileSync(path.join(dir, 'a.eml'), `From: alert@indeed.com\r\n${padding}\r\n\r\nFrom: intrus@example.org\r\n`);

      expect((await createFolderMailbox(dir).audit())[0].sender).toBe('alert@indeed.com');
    });

    it('should refuse to read a file over the size cap', async () => {
      writeFileSync(path.join(dir, 'big.eml'), eml('alert@indeed.com', 'gros', 'x'.repeat(MAX_EMAIL_BYTES)));

      await expect(createFolderMailbox(dir).read('big.eml')).rejects.toThrow(/Email trop volumineux/);
    });
  });

  it('should say clearly when the folder itself is missing', async () => {
    await expect(createFolderMailbox(path.join(dir, 'absent')).audit()).rejects.toThrow('Dossier de la boîte aux lettres introuvable');
  });
});
