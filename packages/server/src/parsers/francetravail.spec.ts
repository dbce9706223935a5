import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { franceTravailParser } from './francetravail';

// The only fixture confirms that an alert was created: no job card in it.
const EXPECTED: Record<string, Expected> = {
  'francetravail/jobjoy-francetravail-alert-confirmation.html': { cards: 0 },
};

describeRealAlerts('France Travail parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('francetravail');
  });

  it('should have a count for every France Travail fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(franceTravailParser.accepts(email.sender)).toBe(true);
    expectCards(franceTravailParser.parse(email), expected);
  });
});
