import type { Page } from 'playwright-core';
import { REFERENCE_DEAL_ID } from '../support/reference-deal.js';
import { ROLE_KEYS } from '../support/test-ledger.js';
import { browserSkipReason, ledgerInBrowser, type LedgerInBrowser } from './browser.js';

const skipReason = browserSkipReason();
if (skipReason) console.log(`Browser tests skipped: ${skipReason}`);
const describeInBrowser = skipReason ? describe.skip : describe;

/**
 * The web page in front of a ledger where every read needs a credential: it asks for a key
 * before it shows anything, says so when a key is refused (and asks again), and tells a
 * reader whose key lacks a role which permission the page needed.
 */
describeInBrowser('signing in on the web page', () => {
  let session: LedgerInBrowser;
  let ledger: LedgerInBrowser['ledger'];
  let page: Page;
  let pageErrors: string[];

  const signInWith = async (key: string) => {
    await page.getByLabel('API key or token').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const storedCredential = () => page.evaluate(() => (globalThis as any).sessionStorage.getItem('deal-ledger.credential'));

  beforeAll(async () => {
    session = await ledgerInBrowser(`auditor-1:auditor:${ROLE_KEYS.auditor},viewer-1:viewer:${ROLE_KEYS.viewer}`);
    ({ ledger, page, pageErrors } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('first shows the sign-in form; a wrong key is refused with the reason, dropped, and the form asks again', async () => {
    await page.goto(`${ledger.url}/`);
    await page.locator('.welcome').waitFor();
    expect(await page.locator('.error, [role="alert"]').count()).toBe(0);
    expect(await page.getByLabel('API key or token').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: /Caremag/ }).count()).toBe(0);

    await signInWith('not-a-key-of-this-ledger');
    const refused = page.locator('#credential-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(
      'That key was not accepted: the ledger does not know it, or it was revoked or has expired. Check it and enter it again, or ask an administrator for a new one.' +
      'Technical detailsThe ledger saidThe API key is unknown or revoked (AUTH.UNAUTHENTICATED)',
    );
    expect(await page.locator('[role="alert"]').count()).toBe(1);
    // The form is back, with the reader in its field; the refused key is not kept.
    expect(await page.getByLabel('API key or token').isVisible()).toBe(true);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.id)).toBe('credential');
    expect(await page.getByRole('status').filter({ hasText: 'Signed in' }).count()).toBe(0);
    expect(await storedCredential()).toBeNull();

    // A key the ledger knows: the message goes, the deals show.
    await signInWith(ROLE_KEYS.viewer);
    await page.getByRole('link', { name: "JOGMEC and Iwatani invest in Caremag's heavy rare earths refinery" }).waitFor();
    expect(await refused.count()).toBe(0);
    expect(await storedCredential()).toBe(ROLE_KEYS.viewer);
    expect(pageErrors).toEqual([]);
  });

  it("tells a viewer that a figure's history is open to auditors, and an auditor's key then shows it", async () => {
    await page.goto(`${ledger.url}/#/deals/${REFERENCE_DEAL_ID}/figures/investment-amount`);
    const lacks = page.locator('.lacks-role');
    await lacks.waitFor();
    expect(await lacks.textContent()).toMatch(
      /The history of investment-amount is open to auditors\..*Permission neededaudit:readYour rolesviewer.*AUTH\.FORBIDDEN, HTTP 403/,
    );
    expect(await page.locator('.error').count()).toBe(0);
    // A 403 is about the roles, not the key: the reader stays signed in.
    expect(await page.getByRole('status').filter({ hasText: 'Signed in' }).count()).toBe(1);
    expect(await storedCredential()).toBe(ROLE_KEYS.viewer);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInWith(ROLE_KEYS.auditor);
    await page.locator('svg.step-chart g.point').first().waitFor();
    expect(await lacks.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
