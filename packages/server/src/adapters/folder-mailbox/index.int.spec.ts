import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

      for (const id of ['../a.eml', 'sub.eml/inner.eml', '..', '.', 'sub.eml\\inner.eml', '', path.join(dir, 'a.eml'), '/etc/passwd', 'a.eml\0x']) {
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

  describe('Given a file name with two dots in a row', () => {
    it('should list, read and archive it like any other', async () => {
      writeFileSync(path.join(dir, 'offre..eml'), eml('alert@indeed.com', 'deux points'));
      writeFileSync(path.join(dir, '..offre.eml'), eml('alert@indeed.com', 'en tête'));
      const mailbox = createFolderMailbox(dir);

      expect((await mailbox.audit()).map((ref) => ref.id)).toEqual(['..offre.eml', 'offre..eml']);
      expect(Buffer.from(await mailbox.read('offre..eml')).toString()).toContain('deux points');
      await mailbox.archive('offre..eml');
      await mailbox.archive('..offre.eml');

      expect(readdirSync(path.join(dir, 'archive')).sort()).toEqual(['..offre.eml', 'offre..eml']);
      expect(await mailbox.audit()).toEqual([]);
    });
  });

  describe('Given .eml symbolic links', () => {
    let outside: string;

    beforeEach(() => {
      outside = mkdtempSync(path.join(os.tmpdir(), 'veille-outside-'));
      mkdirSync(path.join(dir, 'entrants'));
      writeFileSync(path.join(dir, 'entrants', 'vrai.txt'), eml('alert@indeed.com', 'par un lien'));
      writeFileSync(path.join(outside, 'secret.eml'), eml('intrus@example.org', 'hors du dossier'));
      symlinkSync(path.join('entrants', 'vrai.txt'), path.join(dir, 'lien.eml'));
      symlinkSync(path.join(outside, 'secret.eml'), path.join(dir, 'dehors.eml'));
      symlinkSync(path.join(dir, 'absent.txt'), path.join(dir, 'casse.eml'));
      symlinkSync('entrants', path.join(dir, 'dossier.eml'));
    });

    afterEach(() => rmSync(outside, { recursive: true, force: true }));

    it('should count a link to a file inside the folder, import it, and archive its content', async () => {
      const mailbox = createFolderMailbox(dir);

      const refs = await mailbox.audit();

      expect(refs.find((ref) => ref.id === 'lien.eml')).toEqual({ id: 'lien.eml', sender: 'alert@indeed.com', subject: 'par un lien' });
      expect(Buffer.from(await mailbox.read('lien.eml')).toString()).toContain('par un lien');
      await mailbox.archive('lien.eml');
      expect(readFileSync(path.join(dir, 'archive', 'lien.eml'), 'utf8')).toContain('par un lien');
      expect(existsSync(path.join(dir, 'lien.eml'))).toBe(false);
      expect(existsSync(path.join(dir, 'entrants', 'vrai.txt'))).toBe(true);
    });

    it('should list every other link as refused, with why, and never read what it points to', async () => {
      const mailbox = createFolderMailbox(dir);

      const refs = await mailbox.audit();

      const refused = Object.fromEntries(refs.filter((ref) => ref.refused).map((ref) => [ref.id, ref]));
      expect(Object.keys(refused).sort()).toEqual(['casse.eml', 'dehors.eml', 'dossier.eml']);
      expect(refused['dehors.eml']).toEqual({ id: 'dehors.eml', sender: '', subject: '', refused: expect.stringContaining('hors de la boîte') });
      expect(refused['casse.eml'].refused).toContain('cassé');
      expect(refused['dossier.eml'].refused).toContain('pas un fichier');
      await expect(mailbox.read('dehors.eml')).rejects.toThrow('hors de la boîte');
      await expect(mailbox.archive('dehors.eml')).rejects.toThrow('hors de la boîte');
      expect(readFileSync(path.join(outside, 'secret.eml'), 'utf8')).toContain('hors du dossier');
    });
  });

  describe('Given an email archived by a move that a crash cut between link and unlink', () => {
    it('should finish the move at the next audit: archived once, no longer waiting', async () => {
      writeFileSync(path.join(dir, 'a.eml'), eml('alert@indeed.com', 'coupé'));
      writeFileSync(path.join(dir, 'b.eml'), eml('alert@indeed.com', 'copié'));
      writeFileSync(path.join(dir, 'c.eml'), eml('alert@indeed.com', 'attend'));
      mkdirSync(path.join(dir, 'archive'));
      linkSync(path.join(dir, 'a.eml'), path.join(dir, 'archive', 'a.eml'));
      writeFileSync(path.join(dir, 'archive', 'b.eml'), eml('alert@indeed.com', 'un autre, archivé avant'));
      copyFileSync(path.join(dir, 'b.eml'), path.join(dir, 'archive', 'b-1.eml'));

      const refs = await createFolderMailbox(dir).audit();

      expect(refs.map((ref) => ref.id)).toEqual(['c.eml']);
      expect(
        readdirSync(dir)
          .filter((name) => name.endsWith('.eml'))
          .sort(),
      ).toEqual(['c.eml']);
      expect(readdirSync(path.join(dir, 'archive')).sort()).toEqual(['a.eml', 'b-1.eml', 'b.eml']);
    });

    it("should still list a new email that merely shares an archived email's name", async () => {
      writeFileSync(path.join(dir, 'a.eml'), eml('alert@indeed.com', 'nouveau'));
      mkdirSync(path.join(dir, 'archive'));
      writeFileSync(path.join(dir, 'archive', 'a.eml'), eml('alert@indeed.com', 'ancien'));
      writeFileSync(path.join(dir, 'archive', 'a-1.eml'), eml('alert@indeed.com', 'autre'));

      expect((await createFolderMailbox(dir).audit()).map((ref) => ref.id)).toEqual(['a.eml']);
    });
  });

  it('should say clearly when the folder itself is missing', async () => {
    await expect(createFolderMailbox(path.join(dir, 'absent')).audit()).rejects.toThrow('Dossier de la boîte aux lettres introuvable');
  });
});
