import { decodeAlert } from '../mail/decode';
import { fixtureEmails, fixturesAvailable, type FixtureEmail } from '../testing/fixtures';
import { detectBoard, parserFor } from './registry';

const describeWithFixtures = fixturesAvailable() ? describe : describe.skip;

type Expected = { cards: number; first?: { title: string; company: string; city: string; department?: string; salary?: string; key?: string } };

// Counted by hand once from each email as a reader sees it (distinct jobs, buttons and ads for
// the board's own services left out); a few fields of the first card checked against the email.
const EXPECTED: Record<string, Expected> = {
  'linkedin/jobjoy-linkedin-jobalert-fr.html': { cards: 6, first: { title: 'Product manager et commercial C&I F/H', company: 'Eiffage Concessions', city: 'Lyon', key: 'linkedin:4363919743' } },
  'linkedin/jobjoy-linkedin-jobs-listings-fr-1.html': { cards: 6, first: { title: 'Product Owner confirmé F/H', company: 'Enedis', city: 'Lyon' } },
  'linkedin/jobjoy-linkedin-jobs-listings-fr-2.html': { cards: 6, first: { title: 'Responsable de produits - Opérations', company: 'Boralex', city: 'Lyon' } },
  'linkedin/jobcannon-linkedin_alert.eml': { cards: 10, first: { title: 'Data Scientist, Business', company: 'OpenAI', city: 'San Francisco' } },
  'linkedin/jobcannon-linkedin_alert_2.eml': { cards: 6, first: { title: 'Data Scientist 5 - Ads Experimentation', company: 'Netflix', city: 'United States' } },
  'linkedin/jobcannon-linkedin_alert_3.eml': { cards: 9, first: { title: 'Senior Manager, Analytics', company: 'Pearl', city: 'California' } },
  'linkedin/jobcannon-linkedin_jobs.eml': { cards: 10, first: { title: 'Data Science Manager, Shopping Experience', company: 'Instacart', city: 'United States' } },
  'linkedin/jobcannon-linkedin_jobs_2.eml': { cards: 10, first: { title: 'Senior Data Scientist', company: 'Stord', city: 'United States' } },
  'linkedin/jobcannon-linkedin_jobs_3.eml': { cards: 6, first: { title: 'Senior Data Scientist II - AI for Analytics', company: 'Instacart', city: 'United States' } },
  'linkedin/jobagent-linkedin-jobs-noreply-intact.html': { cards: 2, first: { title: 'Manager, Software Development, AI', company: 'Intact', city: 'Toronto' } },
  'linkedin/jobagent-linkedin-jobs-similar-forwarded.html': { cards: 10, first: { title: 'Director of Product - Customer Care & AI', company: 'Wealthsimple', city: 'Canada' } },
  'linkedin/jobagent-linkedin-jobs-listings-forwarded.html': { cards: 6, first: { title: 'Software Platform Lead - High-Growth Haptics Technology Startup', company: 'TITAN Haptics', city: 'Mississauga' } },
  'hellowork/jobjoy-hellowork-alert-fr-1.html': { cards: 14, first: { title: 'Directeur de Programme H/F', company: 'Orange Business', city: 'Courbevoie', department: '92', key: 'hellowork:75638835' } },
  'hellowork/jobjoy-hellowork-alert-fr-2.html': { cards: 15, first: { title: 'Consultant Décisionnel - Bi H/F', company: 'Mon Consultant Indépendant', city: 'Paris', department: '75' } },
  'wttj/jobjoy-wttj-alert-fr-1.html': { cards: 2, first: { title: 'Product Line Manager Réseaux Déployables (H/F)', company: 'Thales', city: 'Gennevilliers' } },
  'wttj/jobjoy-wttj-alert-fr-2.html': { cards: 6, first: { title: 'Product Manager / Product Owner F/H', company: 'Accenture France', city: 'Paris' } },
  'indeed/jobjoy-indeed-alert-fr.html': { cards: 4, first: { title: 'Product Owner IT', company: 'Alcyor', city: 'Lyon', department: '69', salary: '45 000 € - 55 000 € par an' } },
  'indeed/jobcannon-indeed_alert.eml': { cards: 1, first: { title: 'Evaluation Team Lead, Business Intelligence, Google.org', company: 'Google', city: 'San Francisco', key: 'indeed:49cda075c73ac1ee' } },
  'indeed/jobcannon-indeed_alert_2.eml': { cards: 30, first: { title: 'Analytics Engineer', company: 'Ncontracts', city: 'United States', salary: '$120,000 - $160,000 a year' } },
  'indeed/jobcannon-indeed_match.eml': { cards: 5, first: { title: 'Agentic Workflow Lead', company: 'Smart-Tek', city: 'Remote' } },
  'indeed/jobcannon-indeed_match_2.eml': { cards: 5, first: { title: 'Data Architect | Great Benefits!', company: 'Array Internal Recruiting', city: 'Danville' } },
  'indeed/jobcannon-indeed_match_3.eml': { cards: 1, first: { title: 'Senior Business Intelligence Analyst', company: 'Zillow.com', city: 'Remote' } },
  'cadremploi/jobjoy-cadremploi-alert-fr-1.html': { cards: 1, first: { title: 'Directeur tech et produit H/F', company: 'TIME RECRUTEMENT', city: 'Dijon' } },
  'cadremploi/jobjoy-cadremploi-alert-fr-2.html': { cards: 1, first: { title: 'Directeur tech et produit H/F', company: 'TIME RECRUTEMENT', city: 'Dijon' } },
  'jobthatmakesense/jobjoy-jtms-alert-1.html': { cards: 1, first: { title: 'Data Engineering Manager H/F', company: 'Blunomy (formerly Enea Consulting)', city: '360 Elizabeth St Melbourne Australia' } },
  'jobthatmakesense/jobjoy-jtms-alert-2.html': { cards: 4, first: { title: 'Ingénieur travaux', company: 'Residsocial', city: 'Paris', key: 'jtms:wLivJvSfTJFQvS2W3HWy' } },
  'glassdoor/jobcannon-glassdoor.eml': { cards: 11, first: { title: 'Manager, Commercial Operations & Analytics', company: 'Beghou', city: 'Emeryville', key: 'glassdoor:1010135131896' } },
  'monster/jobcannon-monster.eml': { cards: 6, first: { title: 'Technical Product Manager, Data', company: 'Credit Acceptance Corporation', city: '' } },
  'monster/jobcannon-monster_2.eml': { cards: 6, first: { title: 'Entry Level Data engineer/Scientist (Remote)/Backend Developer - Remote', company: 'SynergisticIT', city: 'Spokane' } },
  'monster/jobcannon-monster_3.eml': { cards: 6, first: { title: 'Sales Compensation Analyst, Contract', company: 'Vaco LLC', city: 'Mountain View' } },
  // A confirmation that the alert exists: known board, no job card (it stays in the folder as a failure).
  'francetravail/jobjoy-francetravail-alert-confirmation.html': { cards: 0 },
};

// Senders of boards Veille does not read: their alerts stay in the folder untouched.
const UNKNOWN = ['trueup', 'greenhouse', 'jobright', 'jobbank-canada', 'getro'];

describeWithFixtures('Board parsers on real alert emails', () => {
  const fixtures = fixturesAvailable() ? fixtureEmails() : [];
  const byFile = new Map(fixtures.map((fixture) => [fixture.file, fixture]));
  const parse = async (fixture: FixtureEmail) => {
    const email = await decodeAlert(fixture.raw);
    const parser = parserFor(detectBoard(email.sender));
    return { parser, offers: parser ? parser.parse(email) : [] };
  };

  it('should have an expectation for every fixture of a known board', () => {
    const known = fixtures.filter((fixture) => !UNKNOWN.includes(fixture.board)).map((fixture) => fixture.file);

    expect(known.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', async (file, expected) => {
    const { parser, offers } = await parse(byFile.get(file)!);

    expect(parser).toBeDefined();
    expect(offers).toHaveLength(expected.cards);
    expect(new Set(offers.map((offer) => offer.key)).size).toBe(offers.length);
    if (expected.first) expect(offers[0]).toMatchObject(expected.first);
    for (const offer of offers) {
      expect(offer.title).not.toBe('');
      expect(offer.url).toMatch(/^https?:\/\//);
      expect(new URL(offer.url).searchParams.has('utm_source')).toBe(false);
    }
  });

  it.each(UNKNOWN)('should leave the %s alerts to no parser (board "Inconnu")', async (board) => {
    for (const fixture of fixtures.filter((candidate) => candidate.board === board)) {
      expect((await parse(fixture)).parser).toBeUndefined();
    }
  });
});
