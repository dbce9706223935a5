import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { helloWorkParser } from './hellowork';

// Counted by hand: one card per offer (the "H/F" titles); the base64 tracker decoded to the offer page.
const EXPECTED: Record<string, Expected> = {
  'hellowork/jobjoy-hellowork-alert-fr-1.html': {
    cards: 14,
    first: {
      key: 'hellowork:75638835',
      url: 'https://www.hellowork.com/fr-fr/emplois/75638835.html',
      title: 'Directeur de Programme H/F',
      company: 'Orange Business',
      city: 'Courbevoie',
      department: '92',
    },
  },
  'hellowork/jobjoy-hellowork-alert-fr-2.html': {
    cards: 15,
    first: { key: 'hellowork:75509319', title: 'Consultant Décisionnel - Bi H/F', company: 'Mon Consultant Indépendant', city: 'Paris', department: '75' },
  },
};

describeRealAlerts('HelloWork parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('hellowork');
  });

  it('should have a count for every HelloWork fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(helloWorkParser.accepts(email.sender)).toBe(true);
    expectCards(helloWorkParser.parse(email), expected);
  });

  it('should read the salary a card shows, and leave it empty when it shows none', () => {
    const offers = helloWorkParser.parse(alerts.get('hellowork/jobjoy-hellowork-alert-fr-1.html')!);

    expect(offers[0].salary).toBe('');
    expect(offers[1]).toMatchObject({ title: 'Cto H/F', company: 'Bloomays', salary: '90 000 - 110 000 € / an' });
  });
});
