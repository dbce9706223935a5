import { linkSync, mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StateView } from '@veille/domain';
import { freshDataDir, runEnded, startTestApp } from '../../test/harness';
import type { Veille } from './startVeille';

const post = (app: Veille, route: string) => fetch(`${app.url}${route}`, { method: 'POST' });
const stateOf = async (app: Veille): Promise<StateView> => (await fetch(`${app.url}/api/state`)).json() as Promise<StateView>;

describe('The folder mailbox, after a crash and with odd files', () => {
  let app: Veille;
  let cleanup: () => void;
  let dataDir: string;
  const mailbox = () => path.join(dataDir, 'mailbox');
  const archive = () => path.join(mailbox(), 'archive');

  beforeEach(async () => {
    ({ dir: dataDir, cleanup } = freshDataDir());
    app = await startTestApp(dataDir);
  });

  afterEach(async () => {
    await app.close();
    cleanup();
  });

  describe('Given an email whose archiving a crash cut between the link and the unlink', () => {
    it('should archive it once and count it once: not "A importer", not imported again', async () => {
      await post(app, '/api/runs');
      const first = await runEnded(app.deps.bus);
      const waitingBefore = (await stateOf(app)).table.totals.toImport;
      const archived = readdirSync(archive()).sort();
      // The crash state on disk: the email is in the archive and still in the mailbox, one file under two names.
      linkSync(path.join(archive(), archived[0]), path.join(mailbox(), archived[0]));

      const refreshed = (await (await post(app, '/api/refresh')).json()) as StateView;
      const again = await post(app, '/api/runs');

      expect(refreshed.table.totals.toImport).toBe(waitingBefore);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ started: false });
      expect(readdirSync(archive()).sort()).toEqual(archived);
      expect(readdirSync(mailbox())).not.toContain(archived[0]);
      expect((await app.deps.store.load()).offers).toHaveLength(first.offers.size);
    });
  });

  describe('Given a file name with two dots and links among the emails', () => {
    it('should import `offre..eml` and an email linked from inside the folder, and list the link to outside with why', async () => {
      const demo = readdirSync(mailbox())
        .filter((name) => name.endsWith('.eml'))
        .sort();
      const [dotted, linked] = demo;
      const inbox = path.join(mailbox(), 'entrants');
      mkdirSync(inbox);
      renameSync(path.join(mailbox(), dotted), path.join(mailbox(), 'offre..eml'));
      renameSync(path.join(mailbox(), linked), path.join(inbox, 'lié.txt'));
      symlinkSync(path.join('entrants', 'lié.txt'), path.join(mailbox(), 'lié.eml'));
      writeFileSync(path.join(dataDir, 'secret.txt'), 'From: alert@indeed.com\r\n\r\nsecret');
      symlinkSync(path.join(dataDir, 'secret.txt'), path.join(mailbox(), 'dehors.eml'));

      const refreshed = (await (await post(app, '/api/refresh')).json()) as StateView;
      await post(app, '/api/runs');
      await runEnded(app.deps.bus);

      expect(refreshed.mailboxRefused).toEqual([{ id: 'dehors.eml', reason: expect.stringContaining('hors de la boîte aux lettres') }]);
      expect(refreshed.table.totals.toImport).toBe(demo.length);
      const left = readdirSync(mailbox()).filter((name) => name.endsWith('.eml'));
      expect(left).not.toContain('offre..eml');
      expect(left).not.toContain('lié.eml');
      expect(left).toContain('dehors.eml');
      expect(readdirSync(archive())).toEqual(expect.arrayContaining(['offre..eml', 'lié.eml']));
      expect(app.deps.bus.current().run.phases.import.failed).toBe(0);
    });
  });
});
