import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { wttjParser } from './wttj';

// Counted by hand: company, title and "CDI - City" make one card. The SendGrid links are
// encrypted, so the key is the tracked link without its tracking parameters.
const EXPECTED: Record<string, Expected> = {
  'wttj/jobjoy-wttj-alert-fr-1.html': {
    cards: 2,
    first: { title: 'Product Line Manager Réseaux Déployables (H/F)', company: 'Thales', city: 'Gennevilliers' },
  },
  'wttj/jobjoy-wttj-alert-fr-2.html': { cards: 6, first: { title: 'Product Manager / Product Owner F/H', company: 'Accenture France', city: 'Paris' } },
};

describeRealAlerts('Welcome to the Jungle parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('wttj');
  });

  it('should have a count for every Welcome to the Jungle fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(wttjParser.accepts(email.sender)).toBe(true);
    expectCards(wttjParser.parse(email), expected);
  });

  it('should read every card of an alert in order', () => {
    const offers = wttjParser.parse(alerts.get('wttj/jobjoy-wttj-alert-fr-2.html')!);

    expect(offers.map((offer) => `${offer.company} | ${offer.city}`)).toEqual([
      'Accenture France | Paris',
      'Crédit Agricole CIB | Montrouge',
      'Dynatrace | Vienna',
      'Manutan | Gonesse',
      'Perifit | Paris',
      'Thales | Limours',
    ]);
  });
});
