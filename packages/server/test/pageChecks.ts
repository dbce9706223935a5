import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

/** One accessibility failure, named enough to find it: the rule and the first elements it caught. */
export type Violation = { readonly rule: string; readonly impact: string; readonly targets: string[] };

/**
 * Runs axe-core in the page as it is now and keeps what blocks someone (serious or critical): the
 * minor findings are advice, not failures.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const results = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}

/** How many pixels the page itself scrolls sideways (0 when everything fits its width). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return Math.max(0, root.scrollWidth - root.clientWidth);
  });
}
