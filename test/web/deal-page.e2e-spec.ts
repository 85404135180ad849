import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { getJson } from '../support/cli.js';
import { laterHypotheticalLines, REFERENCE_DEAL_ID, routeOf } from '../support/reference-deal.js';
import { ROLE_KEYS } from '../support/test-ledger.js';
import { ARTIFACTS, browserSkipReason, ledgerInBrowser, type LedgerInBrowser } from './browser.js';

const skipReason = browserSkipReason();
if (skipReason) console.log(`Browser tests skipped: ${skipReason}`);
const describeInBrowser = skipReason ? describe.skip : describe;

interface Entry {
  change: string;
  display: string;
  position: string;
  recordedAt: string;
}

/**
 * What compliance staff do on the web page, in Chromium against `ledger serve` with the
 * reference deal: find the deal, read a figure, set the page to a moment of the record,
 * follow a figure's timeline, compare two moments. They sign in with an auditor's key
 * (reads, history, as-of, diff; no writes); the later facts are recorded by a writer.
 */
describeInBrowser('the web page in a real browser', () => {
  let session: LedgerInBrowser;
  let ledger: LedgerInBrowser['ledger'];
  let page: Page;
  const key = ROLE_KEYS.auditor;
  const writerKey = ROLE_KEYS.writer;
  let pageErrors: string[];
  const sentCredentials: (string | undefined)[] = [];

  const investment = () => page.locator('tr[data-figure-id="investment-amount"] .display');
  const moment = (text: string) => page.locator('#record-moment', { hasText: text }).waitFor();
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  const api = (path: string) => getJson(`${ledger.url}${path}`, key);

  beforeAll(async () => {
    session = await ledgerInBrowser(`auditor-1:auditor:${key},writer-1:writer:${writerKey}`);
    ({ ledger, page, pageErrors } = session);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/deals')) sentCredentials.push(request.headers()['authorization']);
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('signs in, finds the Caremag deal by its title, and reads the investment as "up to EUR 110,000,000"', async () => {
    await page.goto(`${ledger.url}/`);
    await page.getByLabel('API key or token').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Signed in' }).waitFor();

    await page.getByLabel('Title contains').fill('caremag');
    await page.getByLabel('Title contains').press('Enter');
    await page.getByRole('link', { name: "JOGMEC and Iwatani invest in Caremag's heavy rare earths refinery" }).click();

    await moment('The record now');
    expect(await investment().textContent()).toMatch(/^up to EUR 110,000,000 /);
    expect(await investment().textContent()).toContain('USD 120,000,000 at USD 1 = EUR 0.9188');
    // The tamper-evidence badge settles on an answer, whether or not the server verifies over HTTP.
    await page.locator('.verify-ok, .verify-partial, .verify-unavailable, .verify-failed').waitFor();
    expect(await page.locator('.verify').textContent()).toMatch(/^Record checked/);
    // The credential entered once goes with every request, reads included.
    expect(sentCredentials.length).toBeGreaterThan(0);
    expect(new Set(sentCredentials.slice(-3))).toEqual(new Set([`Bearer ${key}`]));
  });

  it('moves the "as on record at" control to before the hypothetical revision and after it', async () => {
    for (const line of laterHypotheticalLines()) {
      const answer = await fetch(`${ledger.url}${routeOf(line)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${writerKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': line.commandId! },
        body: JSON.stringify(line.body),
      });
      expect(answer.status).toBe(201);
    }
    await page.reload();
    await moment('The record now');
    expect(await investment().textContent()).toBe('EUR 95,000,000');
    await shot('deal-page.png');

    const history: Entry[] = (await api(`/deals/${REFERENCE_DEAL_ID}/figures/investment-amount/history`)).entries;
    const revision = history.find((e) => e.change === 'revision')!;
    const positions: string[] = (await api(`/deals/${REFERENCE_DEAL_ID}/events?limit=1000`)).events.map((e: Entry) => e.position);
    const atRevision = positions.indexOf(revision.position);
    const before = positions[atRevision - 1]!;

    // By keyboard: End is now; each arrow is one event of the record.
    const slider = page.getByLabel('Record moment');
    await slider.focus();
    await slider.press('End');
    for (let i = positions.length - 1; i > atRevision - 1; i--) await slider.press('ArrowLeft');
    await moment(`position ${before},`);
    expect(await investment().textContent()).toMatch(/^up to EUR 110,000,000 /);
    expect(page.url()).toContain(`knownAt=${before}`);
    await shot('deal-page-before-revision.png');

    await slider.press('ArrowRight');
    await moment(`position ${revision.position},`);
    expect(await investment().textContent()).toBe('EUR 95,000,000');
    // The page changed under the control, and the control kept the focus, visibly.
    const focus = await page.evaluate(() => {
      const active = (globalThis as any).document.activeElement;
      const style = (globalThis as any).getComputedStyle(active);
      return { id: active.id, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(focus).toEqual({ id: 'as-of-slider', outline: 'solid 3px' });

    // By date and time, with times the ledger gave: a millisecond before the revision, and after it.
    const recordedAt = Date.parse(revision.recordedAt);
    const field = page.getByLabel('Or a date, or a date and time');
    await field.fill(new Date(recordedAt - 1).toISOString());
    await page.getByRole('button', { name: 'Show the record then' }).click();
    await moment(`As on record at ${new Date(recordedAt - 1).toISOString().replace('T', ' ').replace('Z', ' UTC')}`);
    expect(await investment().textContent()).toMatch(/^up to EUR 110,000,000 /);
    await field.fill(new Date(recordedAt + 1).toISOString());
    await field.press('Enter');
    await moment(`As on record at ${new Date(recordedAt + 1).toISOString().replace('T', ' ').replace('Z', ' UTC')}`);
    expect(await investment().textContent()).toBe('EUR 95,000,000');
  });

  it("opens the investment figure's timeline, whose points are the history API's entries", async () => {
    await page.getByRole('button', { name: 'Back to now' }).click();
    await moment('The record now');
    await page.getByRole('link', { name: /^Timeline of Investment in Caremag by / }).click();

    const history: Entry[] = (await api(`/deals/${REFERENCE_DEAL_ID}/figures/investment-amount/history`)).entries;
    const points = page.locator('svg.step-chart g.point');
    await points.nth(history.length - 1).waitFor();
    const plotted = await points.evaluateAll((nodes) =>
      nodes.map((n) => ({ position: n.getAttribute('data-position'), change: n.getAttribute('data-change'), display: n.getAttribute('data-display') })),
    );
    expect(plotted).toEqual(history.map((e) => ({ position: e.position, change: e.change, display: e.display })));
    expect(await page.locator('table.history tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-position'))))
      .toEqual(history.map((e) => e.position));

    // Hover, or the keyboard, tells the source and who recorded each step.
    await points.nth(1).hover();
    await page.locator('#chart-details', { hasText: 'Press release on final investment terms (hypothetical)' }).waitFor();
    expect(await page.locator('#chart-details').textContent()).toContain('by writer-1');
    // The chart is one tab stop; the arrow keys move between its steps.
    await points.nth(0).focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('#chart-details', { hasText: 'Revision' }).waitFor();
    await points.nth(1).hover();
    await shot('timeline-investment-amount.png');
  });

  it('compares the record before the revision with now: each changed field, with its cause', async () => {
    const history: Entry[] = (await api(`/deals/${REFERENCE_DEAL_ID}/figures/investment-amount/history`)).entries;
    const revision = history.find((e) => e.change === 'revision')!;
    const positions: string[] = (await api(`/deals/${REFERENCE_DEAL_ID}/events?limit=1000`)).events.map((e: Entry) => e.position);
    const before = positions[positions.indexOf(revision.position) - 1]!;

    await page.locator('nav.breadcrumbs a').nth(1).click();
    await page.getByRole('link', { name: 'Compare two moments' }).click();
    await page.locator('#from-moment').selectOption(before);
    await page.locator('#to-moment').selectOption(positions[positions.length - 1]!);
    await page.getByRole('button', { name: 'Compare' }).click();

    const figure = page.locator('article[data-figure-id="investment-amount"]');
    await figure.waitFor();
    expect(await figure.locator('.before').textContent()).toContain('up to EUR 110,000,000');
    expect(await figure.locator('.after').textContent()).toContain('EUR 95,000,000');
    expect(await figure.locator('tr[data-field="amount"]').textContent()).toBe('amount110,000,00095,000,000');
    expect(await figure.locator('tr[data-field="qualifier"]').textContent()).toBe('qualifierup toexact');
    expect(await figure.locator(`li[data-position="${revision.position}"]`).textContent()).toContain('final terms announced (hypothetical)');
    // The other hypothetical changes after that moment are there too; the earlier disclosure is not.
    const changed = await page.locator('article.figure-diff').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-figure-id')));
    expect(changed).toEqual(expect.arrayContaining(['investment-amount', 'capacity-dysprosium', 'support-gov-fr']));
    expect(changed).not.toContain('stake-jogmec');
    await shot('compare.png');
  });

  it('says what went wrong, in words and with the ledger\'s code, when a deal does not exist', async () => {
    await page.goto(`${ledger.url}/#/deals/no-such-deal`);
    const error = page.locator('.error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Could not load the deal no-such-deal\..*DEAL\.NOT_FOUND, HTTP 404/);
    expect(pageErrors).toEqual([]);
  });

  it('refuses a moment of the record not yet past, and says to choose an earlier one', async () => {
    await page.goto(`${ledger.url}/#/deals/${REFERENCE_DEAL_ID}?knownAt=2999-01-01`);
    const notice = page.locator('#deal-content .notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/That moment has not happened yet.*field: knownAt.*AUDIT\.KNOWN_AT_IN_FUTURE, HTTP 400/);
    expect(await page.locator('#deal-content .error').count()).toBe(0);
    expect(await page.locator('#deal-content').textContent()).toContain('Choose an earlier moment, or End for the record now.');
    expect(pageErrors).toEqual([]);
  });
});
