import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedOffer } from '@veille/domain';
import { decodeAlert } from '../mail/decode';
import { detectBoard, parserFor } from '../parsers/registry';
import { DEMO_OFFERS, describeDemoOffer, formatSalary } from './catalogue';
import { seedDemo } from './seed';

const origin = 'http://127.0.0.1:3000';

describe('The demo mailbox', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille-demo-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('When seeded and read through the decoder and the board parsers', () => {
    let parsed: ParsedOffer[];
    let unparsed: string[];
    let written: number;

    beforeEach(async () => {
      written = await seedDemo(dir, origin);
      parsed = [];
      unparsed = [];
      for (const name of readdirSync(dir).sort()) {
        const email = await decodeAlert(readFileSync(path.join(dir, name)));
        const parser = parserFor(detectBoard(email.sender, email.html));
        if (parser) parsed.push(...parser.parse(email));
        else unparsed.push(email.sender);
      }
    });

    it('should write about ten alerts from the six boards plus a newsletter', () => {
      expect(readdirSync(dir).filter((name) => name.endsWith('.eml'))).toHaveLength(written);
      expect(written).toBeGreaterThanOrEqual(10);
      expect(written).toBeLessThanOrEqual(14);
    });

    it('should give back exactly the catalogue, one offer per demo offer', () => {
      expect(parsed).toHaveLength(DEMO_OFFERS.length);
      expect(new Set(parsed.map((offer) => offer.key)).size).toBe(DEMO_OFFERS.length);
    });

    it("should read every field the catalogue holds, from each board's own layout", () => {
      for (const offer of DEMO_OFFERS) {
        const [board, ...id] = offer.slug.split('-');

        expect(parsed.find((candidate) => candidate.key === `${board}:${id.join('-')}`)).toEqual({
          key: `${board}:${id.join('-')}`,
          url: `${origin}/demo/offres/${offer.slug}`,
          title: offer.title,
          company: offer.company,
          city: offer.city,
          department: board === 'linkedin' || board === 'wttj' || board === 'jtms' || board === 'cadremploi' ? '' : offer.department,
          salary: board === 'hellowork' || board === 'indeed' ? formatSalary(offer.salary) : '',
          offerDate: '',
        });
      }
    });

    it('should leave the newsletter to no parser', () => {
      expect(unparsed).toEqual(['newsletter@lettre-emploi.example']);
    });
  });

  it('should refuse to seed over an existing demo email', async () => {
    await seedDemo(dir, origin, new Date('2026-11-20T08:00:00Z'));

    await expect(seedDemo(dir, origin, new Date('2026-11-20T08:00:00Z'))).rejects.toThrow(/EEXIST/);
  });
});

describe('The demo catalogue', () => {
  it('should hold about forty offers over the six boards, about four of them gone', () => {
    expect(DEMO_OFFERS.length).toBeGreaterThanOrEqual(35);
    expect(new Set(DEMO_OFFERS.map((offer) => offer.board)).size).toBe(6);
    expect(DEMO_OFFERS.filter((offer) => offer.gone)).toHaveLength(4);
    expect(new Set(DEMO_OFFERS.map((offer) => offer.slug)).size).toBe(DEMO_OFFERS.length);
  });

  it('should describe every offer in several paragraphs of its own', () => {
    const openings = new Set<string>();
    for (const offer of DEMO_OFFERS) {
      const paragraphs = describeDemoOffer(offer);

      expect(offer.about).toHaveLength(2);
      expect(paragraphs.length).toBeGreaterThanOrEqual(4);
      expect(paragraphs.join(' ')).not.toContain('undefined');
      openings.add(paragraphs[1]);
    }
    expect(openings.size).toBe(DEMO_OFFERS.length);
  });
});
