import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { jtmsParser } from './jtms';

// Counted by hand: job cards only, the training and course promotions left out. Customer.io
// links decoded to the offer page.
const EXPECTED: Record<string, Expected> = {
  'jobthatmakesense/jobjoy-jtms-alert-1.html': {
    cards: 1,
    first: {
      key: 'jtms:FaUYM2eD6MXcpSHqCtUS',
      url: 'https://jobs.makesense.org/fr/jobs/FaUYM2eD6MXcpSHqCtUS',
      title: 'Data Engineering Manager H/F',
      company: 'Blunomy (formerly Enea Consulting)',
      city: '360 Elizabeth St Melbourne Australia',
    },
  },
  'jobthatmakesense/jobjoy-jtms-alert-2.html': {
    cards: 4,
    first: { key: 'jtms:wLivJvSfTJFQvS2W3HWy', title: 'Ingénieur travaux', company: 'Residsocial', city: 'Paris' },
  },
};

describeRealAlerts('Jobs That Make Sense parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('jobthatmakesense');
  });

  it('should have a count for every Jobs That Make Sense fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(jtmsParser.accepts(email.sender)).toBe(true);
    expectCards(jtmsParser.parse(email), expected);
  });
});
