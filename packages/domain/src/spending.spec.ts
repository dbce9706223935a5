import { onCommand } from '../test/given';
import { decideSpend, estimateNextCall, formatUsd } from './spending';

const noCap = { daily: null, monthly: null };

describe('Spending cap', () => {
  describe('When phase 3 is about to call the model', () => {
    const spend = onCommand(decideSpend);

    it('should let the call go without a cap', () => {
      spend.when({ cap: noCap, spent: { day: 1_000, month: 10_000 }, estimateUsd: 1 }).then({ allowed: true });
    });

    it('should let the call go while the day stays within its cap, up to the cap itself', () => {
      spend.when({ cap: { daily: 1, monthly: null }, spent: { day: 0.75, month: 0.75 }, estimateUsd: 0.25 }).then({ allowed: true });
    });

    it('should stop before a call would cross the daily cap, saying the offers stay to analyse until tomorrow', () => {
      spend.when({ cap: { daily: 1, monthly: null }, spent: { day: 0.9, month: 0.9 }, estimateUsd: 0.2 }).then({
        allowed: false,
        reason:
          "Plafond de dépense atteint : 0,90 $ dépensés aujourd'hui sur 1,00 $, et le prochain appel à Claude est estimé à 0,20 $. " +
          "L'analyse s'arrête : les offres restent « À analyser » jusqu'à demain, ou relevez le plafond dans Paramètres.",
      });
    });

    it('should stop before a call would cross the monthly cap, until next month', () => {
      spend.when({ cap: { daily: 5, monthly: 20 }, spent: { day: 0.1, month: 19.99 }, estimateUsd: 0.02 }).then({
        allowed: false,
        reason:
          'Plafond de dépense atteint : 19,99 $ dépensés ce mois-ci sur 20,00 $, et le prochain appel à Claude est estimé à 0,02 $. ' +
          "L'analyse s'arrête : les offres restent « À analyser » jusqu'au mois prochain, ou relevez le plafond dans Paramètres.",
      });
    });

    it('should let the call go on a new month, the month before no longer counting', () => {
      spend.when({ cap: { daily: null, monthly: 20 }, spent: { day: 0, month: 0 }, estimateUsd: 0.02 }).then({ allowed: true });
    });

    it('should refuse every call under a cap of zero', () => {
      spend.when({ cap: { daily: 0, monthly: null }, spent: { day: 0, month: 0 }, estimateUsd: 0.0001 }).then({
        allowed: false,
        reason:
          "Plafond de dépense atteint : 0,00 $ dépensés aujourd'hui sur 0,00 $, et le prochain appel à Claude est estimé à 0,0001 $. " +
          "L'analyse s'arrête : les offres restent « À analyser » jusqu'à demain, ou relevez le plafond dans Paramètres.",
      });
    });
  });

  describe("When the next call's cost is estimated", () => {
    const estimate = onCommand(estimateNextCall);

    it('should take the worst case by the prices before any call', () => {
      estimate.when({ worstCaseUsd: 0.05, recentUsd: [] }).then(0.05);
    });

    it('should take the dearest recent call with a margin', () => {
      estimate.when({ worstCaseUsd: 0.05, recentUsd: [0.01, 0.02, 0.012] }).then(0.03);
    });

    it('should never go beyond the worst case', () => {
      estimate.when({ worstCaseUsd: 0.05, recentUsd: [0.045] }).then(0.05);
    });
  });

  it('should write amounts the French way, with the fractions of a cent one call costs', () => {
    expect([formatUsd(12.5), formatUsd(0.0042), formatUsd(0)]).toEqual(['12,50 $', '0,0042 $', '0,00 $']);
  });
});
