import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './browser.js';

/** Where this run's screenshots of every view go (generated, gitignored); printed at the end of the run. */
export const SHOTS = join(ARTIFACTS, 'compliance-page');

/** Evaluated over the DevTools protocol: the page's Content-Security-Policy refuses inline scripts, rightly. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** axe-core in the page as it stands: the violations a reader would meet that are serious or critical. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const run = await axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return run.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
  });
  return (result as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * A view at 1366 px and at 390 px: a full-page screenshot of each, and how wide the page
 * is at 390 px (wider than the screen means a reader scrolls sideways).
 */
export async function shootBothWidths(page: Page, name: string): Promise<{ widthAt390: number }> {
  mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1366, height: 900 };
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const widthAt390 = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(original);
  return { widthAt390 };
}
