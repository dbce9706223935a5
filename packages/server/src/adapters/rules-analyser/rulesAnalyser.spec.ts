import { anOfferRecord } from '../../../test/offers';
import { DEFAULT_CRITERIA } from '../../criteria/criteria';
import { yearlySalary } from './salary';
import { createRulesAnalyser } from '.';

const offer = anOfferRecord;

describe('Salary strings as yearly figures', () => {
  it.each([
    ['45 000 € - 55 000 € / an', 50_000],
    ['45K€', 45_000],
    ['3 500 € par mois', 42_000],
    ['550 €/jour', 119_900],
    ['$120,000 - $160,000 a year', 140_000],
    ['Selon profil', undefined],
  ])('should read "%s"', (text, yearly) => {
    expect(yearlySalary(text)).toBe(yearly);
  });
});

describe('Rules analyser', () => {
  const analyser = createRulesAnalyser(DEFAULT_CRITERIA);

  it('should score an offer that matches the criteria high, and say why in plain words', async () => {
    const analysis = await analyser.analyse(offer());

    expect(analysis.analyser).toBe('règles');
    expect(analysis.scores.localisation).toBe(18);
    expect(analysis.scores.salaire).toBeGreaterThanOrEqual(14);
    expect(analysis.total).toBeGreaterThan(12);
    expect(analysis.summary).toMatch(/^Analyse par règles : \d mot\(s\)-clé\(s\) trouvé\(s\) \(python, sql, airflow, dbt/);
    expect(analysis.dealBreakers.every((verdict) => !verdict.hit)).toBe(true);
  });

  it('should score low an offer far away and under the salary floor', async () => {
    const analysis = await analyser.analyse(offer({ city: 'Brest', text: 'Poste de comptable à Brest.', salary: '28 000 € par an' }));

    expect(analysis.scores.localisation).toBe(5);
    expect(analysis.scores.salaire).toBeLessThan(10);
    expect(analysis.total).toBeLessThan(10);
  });

  it('should give a total of 0 when a deal-breaker hits, quoting the word', async () => {
    const analysis = await analyser.analyse(offer({ title: 'Stage data engineer' }));

    expect(analysis.total).toBe(0);
    expect(analysis.dealBreakers[0]).toEqual({ title: 'Stage ou alternance', hit: true, justification: 'Le texte mentionne « stage ».' });
  });

  it('should weigh the scores as the criteria say', async () => {
    const onlySalary = createRulesAnalyser({
      ...DEFAULT_CRITERIA,
      optionalScores: [],
      scores: {
        ...DEFAULT_CRITERIA.scores,
        localisation: { expectation: '', weight: 0 },
        culture: { expectation: '', weight: 0 },
        qualite: { expectation: '', weight: 0 },
      },
    });

    const analysis = await onlySalary.analyse(offer());

    expect(analysis.total).toBe(analysis.scores.salaire);
  });
});
