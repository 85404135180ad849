import type { Page } from 'playwright-core';
import { getJson } from '../support/cli.js';
import { REFERENCE_DEAL_ID } from '../support/reference-deal.js';
import { ROLE_KEYS } from '../support/test-ledger.js';
import { browserSkipReason, ledgerInBrowser, type LedgerInBrowser } from './browser.js';
import { seriousViolations, shootBothWidths } from './page-checks.js';

const skipReason = browserSkipReason();
if (skipReason) console.log(`Browser tests skipped: ${skipReason}`);
const describeInBrowser = skipReason ? describe.skip : describe;

jest.setTimeout(120_000);

/**
 * A deal under legal hold, as the compliance page shows it: an auditor reads which hold, its
 * reference and reason, since when and by whom; once released, the notice is gone. A viewer,
 * whose key does not open holds, sees the deal without a notice and without an error.
 */
describeInBrowser('the legal hold notice on the deal page', () => {
  let session: LedgerInBrowser;
  let page: Page;
  let url: string;
  const { admin, auditor, viewer } = ROLE_KEYS;

  const call = async (method: 'POST' | 'DELETE', path: string, body: unknown, expected: number) => {
    const answer = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await answer.text();
    if (answer.status !== expected) throw new Error(`${method} ${path}: HTTP ${answer.status} ${text}`);
    return JSON.parse(text);
  };
  const signInAs = async (key: string) => {
    await page.goto(`${url}/#/deals/${REFERENCE_DEAL_ID}`);
    await page.locator('.welcome, #deal-content').first().waitFor();
    if (!(await page.locator('.welcome').count())) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('.welcome').waitFor();
    }
    await page.getByLabel('Your access key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Signed in' }).waitFor();
    await page.locator('.deal-header h1').waitFor();
  };
  /** The deal page opened afresh: its requests (holds among them) all answered. */
  const reload = async () => {
    await page.reload();
    await page.locator('.deal-header h1').waitFor();
    await page.waitForLoadState('networkidle');
  };

  beforeAll(async () => {
    session = await ledgerInBrowser(`admin-1:admin:${admin},auditor-1:auditor:${auditor},viewer-1:viewer:${viewer}`);
    ({ page } = session);
    url = session.ledger.url;
    // `ledger serve` loads the reference deal into an empty store.
  });

  afterAll(async () => {
    await session?.close();
  });

  it('an auditor sees no notice on a deal no hold covers', async () => {
    await signInAs(auditor);
    await reload();
    expect(await page.locator('.legal-hold').count()).toBe(0);
    expect(await page.locator('.legal-holds').textContent()).toBe('');
  });

  it('an auditor sees which hold covers the deal: reference, reason, since when, by whom, and what it covers', async () => {
    const hold = await call('POST', '/admin/holds', {
      scope: { kind: 'party', partyId: 'jogmec' },
      reason: 'Litigation hold on the JOGMEC financing records (hypothetical)',
      reference: 'CASE-2026-014',
    }, 201);
    await signInAs(auditor);
    await reload();
    const notice = page.getByRole('note').filter({ hasText: 'Under legal hold' });
    await notice.waitFor();
    const item = notice.locator(`li[data-hold-id="${hold.holdId}"]`);
    expect(await item.locator('p').first().textContent()).toBe('CASE-2026-014 — Litigation hold on the JOGMEC financing records (hypothetical)');
    const since = `${hold.placedAt.slice(0, 10)} ${hold.placedAt.slice(11, 19)}`;
    expect(await item.locator('p.sub').textContent()).toMatch(
      new RegExp(`^In force since ${since}(\\.\\d{3})? UTC, placed by admin-1\\. Covers every record involving the party jogmec\\.$`),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await shootBothWidths(page, 'deal-under-legal-hold');
  });

  it('two holds are both named; a released one is no longer shown', async () => {
    const [party] = (await getJson(`${url}/admin/holds`, admin)).items;
    const onDeal = await call('POST', '/admin/holds', { scope: { kind: 'deal', dealId: REFERENCE_DEAL_ID }, reason: 'Regulator request (hypothetical)', reference: 'REQ-88' }, 201);
    await reload();
    await page.getByRole('heading', { name: 'Under 2 legal holds' }).waitFor();
    expect(await page.locator('.legal-hold li strong').allTextContents()).toEqual(['CASE-2026-014', 'REQ-88']);

    await call('DELETE', `/admin/holds/${party.holdId}`, { reason: 'The case settled' }, 200);
    await reload();
    await page.getByRole('heading', { name: 'Under legal hold' }).waitFor();
    expect(await page.locator('.legal-hold li').evaluateAll((items) => items.map((li) => li.getAttribute('data-hold-id')))).toEqual([onDeal.holdId]);
    expect(await page.locator('.legal-hold li p.sub').textContent()).toContain('Covers every record of this deal.');
  });

  it('a viewer, whose key does not open holds, reads the deal with no notice and no error', async () => {
    await signInAs(viewer);
    await reload();
    expect(await page.locator('.legal-holds').textContent()).toBe('');
    expect(await page.locator('.legal-holds [role="status"]').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
