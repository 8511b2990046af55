import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Nothing scrolls sideways: the page is never wider than the window. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth,
    `${where}: page width ${scrollWidth} > window ${innerWidth}`,
  ).toBeLessThanOrEqual(innerWidth);
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `${where}: axe found ${bad.length} serious/critical violation(s)`).toEqual([]);
}

/** A button is really clickable: visible, enabled, in the window and not covered. */
export async function expectClickable(button: Locator): Promise<void> {
  await expect(button).toBeVisible();
  await expect(button).toBeInViewport();
  await button.click({ trial: true });
}
