import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { indeedParser } from './indeed';

// Counted by hand: distinct jobs, sponsored ones included (they are jobs too), the
// "more jobs" buttons left out.
const EXPECTED: Record<string, Expected> = {
  'indeed/jobjoy-indeed-alert-fr.html': {
    cards: 4,
    first: { title: 'Product Owner IT', company: 'Alcyor', city: 'Lyon', department: '69', salary: '45 000 € - 55 000 € par an' },
  },
  'indeed/jobcannon-indeed_alert.eml': {
    cards: 1,
    first: {
      key: 'indeed:49cda075c73ac1ee',
      url: 'https://www.indeed.com/viewjob?jk=49cda075c73ac1ee',
      title: 'Evaluation Team Lead, Business Intelligence, Google.org',
      company: 'Google',
      city: 'San Francisco',
    },
  },
  'indeed/jobcannon-indeed_alert_2.eml': {
    cards: 30,
    first: { key: 'indeed:2b4fc9074f486fdc', title: 'Analytics Engineer', company: 'Ncontracts', city: 'United States', salary: '$120,000 - $160,000 a year' },
  },
  'indeed/jobcannon-indeed_match.eml': { cards: 5, first: { title: 'Agentic Workflow Lead', company: 'Smart-Tek', city: 'Remote' } },
  'indeed/jobcannon-indeed_match_2.eml': {
    cards: 5,
    first: { title: 'Data Architect | Great Benefits!', company: 'Array Internal Recruiting', city: 'Danville' },
  },
  'indeed/jobcannon-indeed_match_3.eml': {
    cards: 1,
    first: {
      key: 'indeed:eb00a15f9ecb1936',
      title: 'Senior Business Intelligence Analyst',
      company: 'Zillow.com',
      city: 'Remote',
      salary: '$112,700 - $189,400 a year',
    },
  },
};

describeRealAlerts('Indeed parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('indeed');
  });

  it('should have a count for every Indeed fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(indeedParser.accepts(email.sender)).toBe(true);
    expectCards(indeedParser.parse(email), expected);
  });
});
