import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFolderMailbox } from '../adapters/folder-mailbox';
import { decodeAlert } from '../mail/decode';
import { detectBoard, parserFor } from '../parsers/registry';
import { DEMO_OFFERS } from './catalogue';
import { seedDemo } from './seed';

describe('The demo mailbox', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille-demo-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should parse into exactly the catalogue, every field filled, with a newsletter no parser reads', async () => {
    await seedDemo(dir, 'http://127.0.0.1:3000');
    const parsed = [];
    const unparsed: string[] = [];

    for (const name of readdirSync(dir)) {
      const email = await decodeAlert(readFileSync(path.join(dir, name)));
      const parser = parserFor(detectBoard(email.sender));
      if (parser) parsed.push(...parser.parse(email));
      else unparsed.push(email.sender);
    }

    expect(parsed).toHaveLength(DEMO_OFFERS.length);
    expect(new Set(parsed.map((offer) => offer.key)).size).toBe(DEMO_OFFERS.length);
    expect(unparsed).toEqual(['newsletter@lettre-emploi.example']);
    expect(parsed.find((offer) => offer.key === 'hellowork:51234567')).toEqual({
      key: 'hellowork:51234567',
      url: 'http://127.0.0.1:3000/demo/offres/hellowork-51234567',
      title: 'Développeur Data H/F',
      company: 'Transports Martin',
      city: 'Saint-Priest',
      department: '69',
      salary: '40 000 € - 46 000 € par an',
      offerDate: '',
    });
    expect(parsed.every((offer) => offer.title && offer.company && offer.city)).toBe(true);
  });

  it('should be audited per sender from the headers alone, and archived without overwriting', async () => {
    const written = await seedDemo(dir, 'http://127.0.0.1:3000');
    const mailbox = createFolderMailbox(dir);

    const refs = await mailbox.audit();
    await mailbox.archive(refs[0].id);

    expect(refs).toHaveLength(written);
    expect(refs.find((ref) => ref.sender === 'alert@indeed.com')?.subject).toMatch(/Data Engineer/);
    expect(await mailbox.audit()).toHaveLength(written - 1);
    expect(readdirSync(path.join(dir, 'archive'))).toEqual([refs[0].id]);
    await expect(mailbox.read('../etc/passwd')).rejects.toThrow('invalide');
  });
});
