import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { getJson, runCli } from '../support/cli.js';
import { laterHypotheticalLines, magnetcoDealLines, REFERENCE_DEAL_ID, routeOf, type SeedLine } from '../support/reference-deal.js';
import { ROLE_KEYS } from '../support/test-ledger.js';
import { browserSkipReason, ledgerInBrowser, type LedgerInBrowser } from './browser.js';
import { parseCsv } from '../../libs/application/src/evidence/figure-history-csv.js';
import { seriousViolations, shootBothWidths, SHOTS } from './page-checks.js';

const skipReason = browserSkipReason();
if (skipReason) console.log(`Browser tests skipped: ${skipReason}`);
const describeInBrowser = skipReason ? describe.skip : describe;

jest.setTimeout(180_000);

/**
 * The compliance page as a compliance officer meets it, each view checked by axe-core and
 * photographed at 1366 and 390 px: a welcoming sign-in (W7), a viewer reading a deal now
 * (W3), figures that say what they are about (W1), both times (W2), evidence in hand (W4),
 * the deal's own proof (W5), a figure changed 1,000 times (W6), and the smaller things (W8).
 */
describeInBrowser('the compliance page, second edition', () => {
  let session: LedgerInBrowser;
  let ledger: LedgerInBrowser['ledger'];
  let page: Page;
  let pageErrors: string[];
  const measured: string[] = [];
  const { auditor, viewer, writer } = ROLE_KEYS;
  const dealUrl = (query = '') => `${ledger.url}/#/deals/${REFERENCE_DEAL_ID}${query}`;
  const api = (path: string) => getJson(`${ledger.url}${path}`, auditor);

  const post = async (path: string, body: unknown, idempotencyKey: string) => {
    const answer = await fetch(`${ledger.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${writer}`, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
    });
    if (answer.status !== 201) throw new Error(`${path}: HTTP ${answer.status} ${await answer.text()}`);
  };
  const record = async (lines: SeedLine[]) => {
    for (const line of lines) await post(routeOf(line), line.body, line.commandId!);
  };

  /** A view is ready: axe finds nothing serious, and at 390 px nothing is wider than the screen. */
  const checkView = async (name: string) => {
    expect(await seriousViolations(page)).toEqual([]);
    const { widthAt390 } = await shootBothWidths(page, name);
    expect({ view: name, widthAt390 }).toEqual({ view: name, widthAt390: 390 });
    // Down to 360 px, nothing is wider than the screen either.
    await page.setViewportSize({ width: 360, height: 740 });
    const widthAt360 = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect({ view: name, widthAt360 }).toEqual({ view: name, widthAt360: 360 });
  };
  const signIn = async (key: string) => {
    await page.getByLabel('Your access key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Signed in' }).waitFor();
  };
  /** Each test can run alone (`-t`): it signs in as an auditor unless the tab already is. */
  const asAuditor = async () => {
    await page.goto(dealUrl());
    await page.locator('.welcome, #deal-content').first().waitFor();
    if (await page.locator('.welcome').count()) await signIn(auditor);
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('.welcome').waitFor();
  };

  beforeAll(async () => {
    session = await ledgerInBrowser(`auditor-1:auditor:${auditor},viewer-1:viewer:${viewer},writer-1:writer:${writer}`);
    ({ ledger, page, pageErrors } = session);
    await record(laterHypotheticalLines());
    await record(magnetcoDealLines());
  });

  afterAll(async () => {
    await session?.close();
    if (measured.length > 0) console.log(measured.join('\n'));
    console.log(`Screenshots of every view (1366 px and 390 px): ${SHOTS}`);
  });

  it('W7: a fresh visit opens on a welcome and a sign-in form; a wrong key gets one clear message', async () => {
    await page.goto(`${ledger.url}/`);
    await page.locator('.welcome').waitFor();
    expect(await page.locator('.error, [role="alert"]').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toMatch(/401|UNAUTHENTICATED/);
    await checkView('sign-in');

    await page.getByLabel('Your access key').fill('not-a-key-of-this-ledger');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = page.locator('#credential-refused');
    await refused.waitFor();
    // One message, in words; the ledger's code is one click away.
    expect(await page.locator('[role="alert"]').count()).toBe(1);
    expect(await refused.locator('p').textContent()).toBe(
      'That key was not accepted: the ledger does not know it, or it was revoked or has expired. Check it and enter it again, or ask an administrator for a new one.');
    expect(await refused.locator('details.tech').textContent()).toContain('AUTH.UNAUTHENTICATED');
    expect(await refused.locator('details.tech').evaluate((d) => (d as any).open)).toBe(false);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.id)).toBe('credential');
    await checkView('sign-in-refused');
  });

  it('W3: a viewer opens a deal as it stands now; earlier moments, histories and comparisons are explained, not broken', async () => {
    await signIn(viewer);
    await page.getByRole('link', { name: "JOGMEC and Iwatani invest in Caremag's heavy rare earths refinery" }).click();
    const note = page.locator('.now-only');
    await note.waitFor();
    expect(await note.textContent()).toContain('You are reading this deal as it stands now.');
    expect(await page.locator('tr[data-figure-id="investment-amount"] .display').textContent()).toBe('EUR 95,000,000');
    // Nothing on the page would only be refused: no moment controls, no compare, no timeline links, no error box.
    expect(await page.locator('.error').count()).toBe(0);
    expect(await page.locator('#as-of-slider, #valid-at').count()).toBe(0);
    expect(await page.getByRole('link', { name: /Compare|Timeline/ }).count()).toBe(0);
    expect(await note.locator('details.tech').textContent()).toMatch(/events:read.*viewer/s);
    await checkView('viewer-deal');

    // A shared link to an earlier moment still opens: the deal now, and why.
    await page.goto(dealUrl('?knownAt=2025-08-01'));
    await page.locator('.now-only', { hasText: 'asks for an earlier moment' }).waitFor();
    expect(await page.locator('tr[data-figure-id="investment-amount"] .display').textContent()).toBe('EUR 95,000,000');

    // A figure's history and a comparison: said to be open to auditors, in words.
    for (const [path, words] of [['/figures/investment-amount', 'The history of investment-amount is open to auditors.'], ['/compare', 'Comparing moments of the deal']] as const) {
      await page.goto(dealUrl(path));
      const lacks = page.locator('.lacks-role');
      await lacks.waitFor();
      expect(await lacks.textContent()).toContain(words);
      expect(await page.locator('.error').count()).toBe(0);
    }
    await checkView('viewer-compare');
    await signOut();
    expect(pageErrors).toEqual([]);
  });

  it('W1: every figure row says what it is about, in words; no two rows read the same', async () => {
    await asAuditor();
    await page.goto(dealUrl());
    await page.locator('#record-moment', { hasText: 'The record now' }).waitFor();
    const context = (id: string) => page.locator(`tr[data-figure-id="${id}"] .figure-context`).textContent();
    expect(await context('investment-amount')).toBe(
      'InvestorsJapan Organization for Metals and Energy Security (JOGMEC), Iwatani CorporationInvested inCaremag' +
      'ThroughJapan France Rare EarthsInstrumentsequity, debt financing');
    expect(await context('capacity-dysprosium')).toBe('FacilityCaremag refinery, Pyrénées-AtlantiquesProductdysprosium');
    await checkView('deal-auditor');

    // The invented MagnetCo deal: equity, warrants, two loans, a price floor, an offtake.
    await page.goto(`${ledger.url}/#/deals/magnetco-2026`);
    await page.locator('#record-moment', { hasText: 'The record now' }).waitFor();
    const rows = await page.locator('table.figures tbody tr th[scope="row"]').allTextContents();
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(rows).size).toBe(rows.length);
    await checkView('deal-magnetco');

    // W8: the deals on screen sort by title, number of figures or last recorded.
    await page.goto(`${ledger.url}/#/deals`);
    await page.locator('#deal-sort').waitFor();
    const order = () => page.locator('table.deals tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-deal-id')));
    const deals: { dealId: string; title: string; figureCount: number }[] = (await api('/deals')).items;
    await page.locator('#deal-sort').selectOption('title');
    expect(await order()).toEqual([...deals].sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' })).map((d) => d.dealId));
    await page.locator('#deal-sort').selectOption('figures');
    expect(await order()).toEqual([...deals].sort((a, b) => b.figureCount - a.figureCount).map((d) => d.dealId));
    await checkView('deal-list');
  });

  it('W2: in effect on a date beside on record at a moment; a date before the record explains itself; compare by either', async () => {
    await asAuditor();
    // The deal's own date as a record moment: before it was recorded, said so.
    await page.goto(dealUrl('?knownAt=2025-08-01'));
    const notOnRecord = page.locator('.not-on-record');
    await notOnRecord.waitFor();
    const deal = await api(`/deals/${REFERENCE_DEAL_ID}`);
    expect(await notOnRecord.locator('strong').textContent()).toBe(
      `This deal was first recorded on ${deal.registeredAt.replace('T', ' ').replace('Z', ' UTC').replace('.000 UTC', ' UTC')}; nothing was on record before.`);
    expect(await page.locator('.error').count()).toBe(0);
    expect(await page.locator('#as-of-moment').textContent()).toContain('before the deal was first recorded');
    await checkView('deal-before-record');

    // One click to what was in effect that day: before the final terms of 2025-09-15.
    await page.getByRole('button', { name: 'Show what was in effect on 2025-08-01' }).click();
    await page.locator('#record-moment', { hasText: 'In effect on 2025-08-01' }).waitFor();
    expect(page.url()).toContain('validAt=2025-08-01');
    expect(await page.locator('tr[data-figure-id="investment-amount"] .display').textContent()).toMatch(/^up to EUR 110,000,000 /);
    await checkView('deal-in-effect');
    await page.getByRole('textbox', { name: 'In effect on' }).fill('2025-10-01');
    await page.getByRole('button', { name: 'Show what was in effect' }).click();
    await page.locator('#record-moment', { hasText: 'In effect on 2025-10-01' }).waitFor();
    expect(await page.locator('tr[data-figure-id="investment-amount"] .display').textContent()).toBe('EUR 95,000,000');

    await page.goto(dealUrl('?validAt=2020-01-01'));
    await page.locator('.notice', { hasText: 'Nothing of this deal was reported to be in effect on 2020-01-01; its first report is dated 2025-03-17.' }).waitFor();

    // Compare by what was in effect: the final terms are the difference.
    await page.goto(dealUrl('/compare?by=effect&from=2025-08-01&to=2025-10-01'));
    const investment = page.locator('article[data-figure-id="investment-amount"]');
    await investment.waitFor();
    expect(await investment.locator('.before').textContent()).toContain('up to EUR 110,000,000');
    expect(await investment.locator('.after').textContent()).toContain('EUR 95,000,000');
    expect(await page.locator('article.figure-diff').count()).toBe(1);
    await checkView('compare-in-effect');

    // Compare by record between two dates before the deal was recorded: explained, with the way out.
    await page.goto(dealUrl('/compare?from=2025-07-10&to=2025-08-02'));
    await page.locator('#compare-result', { hasText: 'Both moments show the same record' }).waitFor();
    expect(await page.locator('#compare-result').textContent()).toContain('compare by what was in effect');
  });

  it('W4: the figure histories download as a formula-safe CSV, the evidence bundle as a verifiable zip; the print layout has no controls and numbers its pages', async () => {
    await asAuditor();
    // A source whose words begin like formulas.
    await post(`/deals/${REFERENCE_DEAL_ID}/figures/stake-iwatani/revisions`, {
      value: { measure: { kind: 'percentage' }, qualifier: 'exact', amount: '12' },
      source: { publisher: '=HYPERLINK("http://example.invalid","click")', tier: 'secondary' },
      reportedAt: '2025-10-01', reason: '@SUM(A1:A9) -1 +1',
    }, 'w4-formula-source');
    await page.reload();
    await page.locator('#record-moment', { hasText: 'The record now' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download figure histories (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`${REFERENCE_DEAL_ID}-figure-histories.csv`);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const deal = await api(`/deals/${REFERENCE_DEAL_ID}`);
    let entries = 0;
    for (const f of deal.figures) entries += (await api(`/deals/${REFERENCE_DEAL_ID}/figures/${f.figureId}/history`)).entries.length;
    expect(rows[0]![0]).toBe('deal');
    expect(rows).toHaveLength(entries + 1);
    const cells = rows.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain("'@SUM(A1:A9) -1 +1");
    expect(cells.some((c) => c.startsWith("'=HYPERLINK("))).toBe(true);

    // The signed evidence bundle, from the page: a zip the standalone verifier accepts once unzipped.
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download evidence bundle (zip)' }).click()]);
    expect(zip.suggestedFilename()).toBe(`${REFERENCE_DEAL_ID}-evidence.zip`);
    const bundleDir = join(session.dataDir, 'bundle-from-page');
    mkdirSync(bundleDir);
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync((await zip.path())!)))) writeFileSync(join(bundleDir, name), bytes);
    const ledgerKey = (await (await fetch(`${ledger.url}/audit/ledger-key`, { headers: { Authorization: `Bearer ${auditor}` } })).text()).trim();
    const verified = runCli(['verify-bundle', bundleDir, '--ledger-key', ledgerKey, '--json'], {});
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, dealId: REFERENCE_DEAL_ID, events: deal.revision + 1 });

    // Print: the controls go, the deal, its moment and its proof stay.
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.site-header', '.times', '.toolbar-actions', '#deal-content details.tech']) {
      expect(await page.locator(hidden).first().isVisible()).toBe(false);
    }
    for (const shown of ['h1', '.verify', '#record-moment', 'table.figures']) expect(await page.locator(shown).first().isVisible()).toBe(true);
    // The PDF is made with print media (emulating 'screen' would print the screen layout).
    const pdf = await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: null });
    writeFileSync(join(SHOTS, 'deal-print.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    measured.push(`Print layout of ${REFERENCE_DEAL_ID} (page.pdf, A4): ${pages} pages (${join(SHOTS, 'deal-print.pdf')})`);
    expect(pages).toBeLessThanOrEqual(3);
  });

  it("W5: the badge is this deal's proof: its events checked, the checkpoint covering them, the events not yet under one", async () => {
    await asAuditor();
    await page.reload();
    const badge = page.locator('.verify-ok, .verify-partial, .verify-failed');
    await badge.waitFor();
    const proof = await api(`/deals/${REFERENCE_DEAL_ID}/verification`);
    const text = (await badge.textContent())!;
    expect(text).not.toContain('✓');
    expect(text).toContain(`${proof.chain.events} events`);
    if (proof.notYetCheckpointed.length > 0) {
      expect(text).toContain(`Not yet under a signed checkpoint: change${proof.notYetCheckpointed.length === 1 ? '' : 's'} ${proof.notYetCheckpointed.map((e: any) => e.revision + 1).join(', ')}`);
    }
    if (proof.checkpoint) expect(text).toContain(`${proof.included.length} of its ${proof.chain.events} events are in the ledger’s signed checkpoint`);
    // Page views are logged reads: they do not move this deal's count.
    await page.reload();
    await badge.waitFor();
    expect(await badge.textContent()).toContain(`${proof.chain.events} events`);
  });

  it('W6 and W8: a figure changed 1,000 times stays light and keyboard-friendly; a correction shows what it replaced', async () => {
    await asAuditor();
    for (let i = 0; i < 1000; i++) {
      await post(`/deals/${REFERENCE_DEAL_ID}/figures/capacity-terbium/revisions`, {
        value: { measure: { kind: 'quantity', unit: 't' }, qualifier: 'exact', amount: String(10 + (i % 37)) },
        source: { publisher: 'Plant log (test)', tier: 'primary' }, reportedAt: '2025-10-01', reason: `reading ${i}`,
      }, `w6-${i}`);
    }
    const history = (await api(`/deals/${REFERENCE_DEAL_ID}/figures/capacity-terbium/history`)).entries;
    expect(history.length).toBeGreaterThan(1000);
    await page.goto(dealUrl());
    await page.locator('#record-moment', { hasText: 'The record now' }).waitFor();
    const started = Date.now();
    await page.goto(dealUrl('/figures/capacity-terbium'));
    const points = page.locator('svg.step-chart g.point');
    await points.nth(history.length - 1).waitFor({ state: 'attached' });
    const ready = Date.now() - started;
    const nodes = await page.evaluate(() => (globalThis as any).document.getElementsByTagName('*').length as number);
    measured.push(`Timeline of a figure with ${history.length} changes: interactive in ${ready} ms (navigation to the last marker on screen), ${nodes} DOM nodes`);
    expect(nodes).toBeLessThan(5000);
    // One tab stop for the chart; arrows move between steps.
    expect(await page.locator('svg.step-chart [tabindex="0"]').count()).toBe(1);
    expect(await page.locator('svg.step-chart .x-label').count()).toBeLessThanOrEqual(6);
    await page.locator('svg.step-chart [tabindex="0"]').focus();
    await page.keyboard.press('Home');
    await page.locator('#chart-details', { hasText: 'First reported' }).waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.getAttribute('data-position'))).toBe(history[1].position);
    // A closer look at the latest 100 changes, and back.
    await page.getByRole('button', { name: 'The latest 100' }).click();
    expect(await points.count()).toBe(100);
    expect(await points.last().getAttribute('data-position')).toBe(history[history.length - 1].position);
    await page.getByRole('button', { name: `All ${history.length.toLocaleString('en')} changes` }).click();
    expect(await points.count()).toBe(history.length);
    // The history a page at a time.
    expect(await page.locator('table.history tbody tr').count()).toBe(50);
    expect(await page.locator('.pager-status').textContent()).toBe(`Entries 1–50 of ${history.length.toLocaleString('en')}`);
    await page.getByRole('button', { name: 'Later entries' }).click();
    await page.locator('.pager-status', { hasText: 'Entries 51–100' }).waitFor();
    await checkView('timeline-1000');

    // The compare pickers: at most 100 moments listed, and a search narrows them.
    await page.goto(dealUrl('/compare'));
    await page.locator('#from-moment').waitFor();
    expect(await page.locator('#from-moment option').count()).toBeLessThanOrEqual(101);
    await page.locator('#from-search').fill('Investment in Caremag');
    await page.locator('#from-search-hint', { hasText: 'moments match' }).waitFor();
    const options = await page.locator('#from-moment option').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    // Only the matches, and the moment already chosen (kept, so a search never changes the choice behind the reader's back).
    expect(options.filter((o) => !o.includes('Investment in Caremag'))).toHaveLength(1);
    expect(options.length).toBeGreaterThan(1);
    await checkView('compare-pickers');

    // W8: the corrected capacity shows the value it replaced, on the deal and in its history.
    await page.goto(dealUrl());
    const correctedRow = page.locator('tr[data-figure-id="capacity-dysprosium"] .replaced');
    await correctedRow.waitFor();
    expect(await correctedRow.textContent()).toBe('Corrected from: 500 t');
    await page.goto(dealUrl('/figures/capacity-dysprosium'));
    const corrected = page.locator('table.history tr.change-correction .replaced');
    await corrected.waitFor();
    expect(await corrected.textContent()).toBe('Corrected from: 500 t');
    await checkView('timeline-corrected');
    expect(pageErrors).toEqual([]);
  });
});
