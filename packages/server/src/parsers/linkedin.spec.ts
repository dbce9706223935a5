import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { linkedInParser } from './linkedin';

// Counted by hand from each email as a reader sees it (distinct jobs; "see all jobs" and
// premium ads left out).
const EXPECTED: Record<string, Expected> = {
  'linkedin/jobjoy-linkedin-jobalert-fr.html': {
    cards: 6,
    first: {
      key: 'linkedin:4363919743',
      url: 'https://www.linkedin.com/jobs/view/4363919743/',
      title: 'Product manager et commercial C&I F/H',
      company: 'Eiffage Concessions',
      city: 'Lyon',
    },
  },
  'linkedin/jobjoy-linkedin-jobs-listings-fr-1.html': { cards: 6, first: { title: 'Product Owner confirmé F/H', company: 'Enedis', city: 'Lyon' } },
  'linkedin/jobjoy-linkedin-jobs-listings-fr-2.html': { cards: 6, first: { title: 'Responsable de produits - Opérations', company: 'Boralex', city: 'Lyon' } },
  'linkedin/jobcannon-linkedin_alert.eml': {
    cards: 10,
    first: { key: 'linkedin:4376221593', title: 'Data Scientist, Business', company: 'OpenAI', city: 'San Francisco' },
  },
  'linkedin/jobcannon-linkedin_alert_2.eml': {
    cards: 6,
    first: { title: 'Data Scientist 5 - Ads Experimentation', company: 'Netflix', city: 'United States' },
  },
  'linkedin/jobcannon-linkedin_alert_3.eml': { cards: 9, first: { title: 'Senior Manager, Analytics', company: 'Pearl', city: 'California' } },
  'linkedin/jobcannon-linkedin_jobs.eml': {
    cards: 10,
    first: { title: 'Data Science Manager, Shopping Experience', company: 'Instacart', city: 'United States' },
  },
  'linkedin/jobcannon-linkedin_jobs_2.eml': { cards: 10, first: { title: 'Senior Data Scientist', company: 'Stord', city: 'United States' } },
  'linkedin/jobcannon-linkedin_jobs_3.eml': {
    cards: 6,
    first: { title: 'Senior Data Scientist II - AI for Analytics', company: 'Instacart', city: 'United States' },
  },
  'linkedin/jobagent-linkedin-jobs-noreply-intact.html': {
    cards: 2,
    first: { title: 'Manager, Software Development, AI', company: 'Intact', city: 'Toronto' },
  },
  'linkedin/jobagent-linkedin-jobs-similar-forwarded.html': {
    cards: 10,
    first: { title: 'Director of Product - Customer Care & AI', company: 'Wealthsimple', city: 'Canada' },
  },
  'linkedin/jobagent-linkedin-jobs-listings-forwarded.html': {
    cards: 6,
    first: { title: 'Software Platform Lead - High-Growth Haptics Technology Startup', company: 'TITAN Haptics', city: 'Mississauga' },
  },
};

describeRealAlerts('LinkedIn parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('linkedin');
  });

  it('should have a count for every LinkedIn fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(linkedInParser.accepts(email.sender)).toBe(true);
    expectCards(linkedInParser.parse(email), expected);
  });

  it('should read the salary a card shows', () => {
    const offers = linkedInParser.parse(alerts.get('linkedin/jobcannon-linkedin_alert.eml')!);

    expect(offers.find((offer) => offer.company === 'Abridge')?.salary).toBe('$188K-$221K / year');
  });
});

describe('LinkedIn senders', () => {
  it('should accept the job alert senders only, not the other LinkedIn notifications', () => {
    expect(['jobalerts-noreply@linkedin.com', 'jobs-noreply@linkedin.com', 'Jobs-Listings@LinkedIn.com'].map(linkedInParser.accepts)).toEqual([
      true,
      true,
      true,
    ]);
    expect(linkedInParser.accepts('messages-noreply@linkedin.com')).toBe(false);
  });
});
