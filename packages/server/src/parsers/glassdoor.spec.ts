import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { glassdoorParser } from './glassdoor';

// Counted by hand: one card per jobListingId.
const EXPECTED: Record<string, Expected> = {
  'glassdoor/jobcannon-glassdoor.eml': {
    cards: 11,
    first: {
      key: 'glassdoor:1010135131896',
      title: 'Manager, Commercial Operations & Analytics',
      company: 'Beghou',
      city: 'Emeryville',
      salary: '$150K - $230K (Employer est.)',
    },
  },
};

describeRealAlerts('Glassdoor parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('glassdoor');
  });

  it('should have a count for every Glassdoor fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(glassdoorParser.accepts(email.sender)).toBe(true);
    expectCards(glassdoorParser.parse(email), expected);
  });
});
