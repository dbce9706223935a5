import { STATUS } from './statuses';

/** Dollars the user lets phase 3 spend on the model, per calendar day and per month; null: no cap. */
export type SpendingCap = { readonly daily: number | null; readonly monthly: number | null };

/** Dollars spent so far today and this month, calls still in flight counted at their estimate. */
export type Spent = { readonly day: number; readonly month: number };

export type NextCall = {
  /** What the call costs at most by the model's prices: its whole prompt, and every output token it may write. */
  readonly worstCaseUsd: number;
  /** What the last calls actually cost. */
  readonly recentUsd: readonly number[];
};

/** A call usually costs about what the last ones did: the dearest of them with a margin, never more than the worst case. */
const MARGIN = 1.5;

/** The next call's cost, rather too high than too low: without any recent call, the worst case. */
export function estimateNextCall({ worstCaseUsd, recentUsd }: NextCall): number {
  if (recentUsd.length === 0) return worstCaseUsd;
  return Math.min(worstCaseUsd, Math.max(...recentUsd) * MARGIN);
}

export type SpendCheck = { readonly cap: SpendingCap; readonly spent: Spent; readonly estimateUsd: number };

export type SpendDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Amounts as the page writes them: two decimals, more for the fractions of a cent one call costs. */
export function formatUsd(amount: number): string {
  return `${amount.toFixed(amount > 0 && amount < 0.01 ? 4 : 2).replace('.', ',')} $`;
}

const refusal = (period: string, spent: number, cap: number, estimate: number, until: string): SpendDecision => ({
  allowed: false,
  reason:
    `Plafond de dépense atteint : ${formatUsd(spent)} dépensés ${period} sur ${formatUsd(cap)}, et le prochain appel à Claude est estimé à ` +
    `${formatUsd(estimate)}. L'analyse s'arrête : les offres restent « ${STATUS.toAnalyse} » ${until}, ou relevez le plafond dans Paramètres.`,
});

/** Phase 3 calls the model only while the call, at its estimate, keeps the day and the month within their caps. */
export function decideSpend({ cap, spent, estimateUsd }: SpendCheck): SpendDecision {
  if (cap.daily !== null && spent.day + estimateUsd > cap.daily) return refusal("aujourd'hui", spent.day, cap.daily, estimateUsd, "jusqu'à demain");
  if (cap.monthly !== null && spent.month + estimateUsd > cap.monthly) {
    return refusal('ce mois-ci', spent.month, cap.monthly, estimateUsd, "jusqu'au mois prochain");
  }
  return { allowed: true };
}
