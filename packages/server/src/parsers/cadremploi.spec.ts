import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { cadremploiParser } from './cadremploi';

// Counted by hand: one offer (the other blocks are the search reminder and buttons). The
// r.emailsN.alertes.cadremploi.fr links are opaque.
const EXPECTED: Record<string, Expected> = {
  'cadremploi/jobjoy-cadremploi-alert-fr-1.html': { cards: 1, first: { title: 'Directeur tech et produit H/F', company: 'TIME RECRUTEMENT', city: 'Dijon' } },
  'cadremploi/jobjoy-cadremploi-alert-fr-2.html': { cards: 1, first: { title: 'Directeur tech et produit H/F', company: 'TIME RECRUTEMENT', city: 'Dijon' } },
};

describeRealAlerts('Cadremploi parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('cadremploi');
  });

  it('should have a count for every Cadremploi fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(cadremploiParser.accepts(email.sender)).toBe(true);
    expectCards(cadremploiParser.parse(email), expected);
  });
});
