import type { AlertEmail } from '@veille/domain';
import { describeRealAlerts, expectCards, realAlerts, type Expected } from '../../test/realAlerts';
import { monsterParser } from './monster';

// Counted by hand: six jobs per alert. click.monster.com links are opaque.
const EXPECTED: Record<string, Expected> = {
  'monster/jobcannon-monster.eml': { cards: 6, first: { title: 'Technical Product Manager, Data', company: 'Credit Acceptance Corporation', city: '' } },
  'monster/jobcannon-monster_2.eml': {
    cards: 6,
    first: { title: 'Entry Level Data engineer/Scientist (Remote)/Backend Developer - Remote', company: 'SynergisticIT', city: 'Spokane' },
  },
  'monster/jobcannon-monster_3.eml': { cards: 6, first: { title: 'Sales Compensation Analyst, Contract', company: 'Vaco LLC', city: 'Mountain View' } },
};

describeRealAlerts('Monster parser on real alerts', () => {
  let alerts: Map<string, AlertEmail>;

  beforeAll(async () => {
    alerts = await realAlerts('monster');
  });

  it('should have a count for every Monster fixture', () => {
    expect([...alerts.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('should read %s card by card', (file, expected) => {
    const email = alerts.get(file)!;

    expect(monsterParser.accepts(email.sender)).toBe(true);
    expectCards(monsterParser.parse(email), expected);
  });
});
