import { fieldValueInWords, formatInstant, groupDecimal, instantFromInput, staleInWords } from '../../apps/web/src/format.js';
import { parseRoute, hrefOf, type Route } from '../../apps/web/src/router.js';
import { csvCell, toCsv } from '../../apps/web/src/csv.js';
import { sortDeals } from '../../apps/web/src/deal-sort.js';
import { contextInWords, contextLine } from '../../apps/web/src/figure-context.js';
import { figureHistoriesCsv, HISTORY_CSV_HEADER } from '../../apps/web/src/figure-history-csv.js';
import { buildChartModel, entriesOnRecordAt, labelledIndexes, niceTicks, stepPaths, type TimelineEntry } from '../../apps/web/src/timeline/step-chart-model.js';
import { effectDiff } from '../../apps/web/src/valid-diff.js';
import { verificationInWords } from '../../apps/web/src/verification-words.js';
import type { DealVerification } from '../../apps/web/src/types.js';

/** The web page's rules that need no browser: times, words, routes and the timeline's geometry. */
describe('the web page, without a browser', () => {
  it('shows record times in ISO order with the zone named, always in UTC', () => {
    expect(formatInstant('2026-11-26T10:36:25.543Z')).toBe('2026-11-26 10:36:25.543 UTC');
    expect(formatInstant('2025-09-15T11:00:00+02:00')).toBe('2025-09-15 09:00:00 UTC');
  });

  it('reads a typed moment as the API takes it: a date stays a date, a time needs its zone', () => {
    expect(instantFromInput('2025-08-01')).toBe('2025-08-01');
    expect(instantFromInput(' 2025-08-01 09:30Z ')).toBe('2025-08-01T09:30Z');
    expect(instantFromInput('2025-08-01T09:30')).toBeUndefined();
    // What the API refuses, the page refuses: impossible dates and times (which Date.parse rolls over).
    for (const impossible of ['2025-02-30', '2025-02-31T10:00Z', '2025-08-01T24:00Z', '2025-08-01T09:60Z', '2025-08-01T09:30+24:00']) {
      expect([impossible, instantFromInput(impossible)]).toEqual([impossible, undefined]);
    }
    expect(instantFromInput('2024-02-29')).toBe('2024-02-29');
    expect(instantFromInput('2025-08-01T09:30:00.123456789Z')).toBe('2025-08-01T09:30:00.123456789Z');
    expect(instantFromInput('2025-08-01T00:30-05:00')).toBe('2025-08-01T00:30-05:00');
    expect(instantFromInput('2025-08-01 09:30:00.123')).toBeUndefined();
    expect(instantFromInput('2025-08-01T09:30:00.123+02:00')).toBe('2025-08-01T09:30:00.123+02:00');
    expect(instantFromInput('2025-08-01T09:30:00 UTC')).toBe('2025-08-01T09:30:00Z');
    expect(instantFromInput('01/08/2025')).toBeUndefined();
    expect(instantFromInput('2025-13-45')).toBeUndefined();
  });

  it('says why a deal may not be the latest: events not shown yet, a fault, a held-back event, an unreachable record', () => {
    expect(staleInWords({ behind: 3, state: 'running' })).toBe('3 later events on record are not shown yet. Reload in a moment to see the latest.');
    expect(staleInWords({ behind: 1, state: 'faulted' })).toBe(
      '1 later event on record is not shown yet while the ledger recovers from a fault. Reload in a moment to see the latest.',
    );
    expect(staleInWords({ behind: 0, heldBack: ['alpha'], state: 'running' })).toMatch(/^A later event of this deal could not be shown yet and waits for an administrator/);
    expect(staleInWords({ state: 'running' })).toMatch(/^The ledger could not reach its record just now/);
  });

  it('groups thousands in decimal strings without touching the fraction', () => {
    expect(groupDecimal('110000000')).toBe('110,000,000');
    expect(groupDecimal('1234.5678')).toBe('1,234.5678');
    expect(fieldValueInWords('qualifier', 'up_to')).toBe('up to');
    expect(fieldValueInWords('effectiveAt', undefined)).toBe('— (none)');
  });

  it('keeps the moment of the record in the page address, and reads it back', () => {
    const routes: Route[] = [
      { page: 'list', title: 'Caremag', commodity: 'terbium' },
      { page: 'deal', dealId: 'caremag-2025', knownAt: '2025-08-01T00:00:00Z' },
      { page: 'figure', dealId: 'caremag-2025', figureId: 'investment-amount' },
      { page: 'compare', dealId: 'caremag-2025', from: '13', to: '16' },
      { page: 'deal', dealId: 'caremag-2025', validAt: '2025-08-01', knownAt: '14' },
      { page: 'compare', dealId: 'caremag-2025', from: '2025-08-01', to: '2025-10-01', by: 'effect' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
    expect(parseRoute('')).toEqual({ page: 'list' });
    expect(parseRoute('#/nowhere/at/all')).toEqual({ page: 'unknown', fragment: '#/nowhere/at/all' });
  });

  describe('the timeline', () => {
    const entry = (change: string, value: TimelineEntry['value'], position: string): TimelineEntry => ({
      change,
      display: `${value.qualifier} ${value.amount ?? ''}`,
      value,
      source: { publisher: 'Reuters', tier: 'primary' },
      recordedAt: '2026-11-26T10:00:00.000Z',
      recordedBy: 'analyst-1',
      position,
      revision: Number(position),
    });
    const eur = { kind: 'money', currency: 'EUR' };

    it('steps down at a revision, dashes an "up to", and puts undisclosed values on their own lane', () => {
      const model = buildChartModel([
        entry('initial', { measure: { kind: 'percentage' }, qualifier: 'undisclosed' }, '3'),
        entry('disclosure', { measure: { kind: 'percentage' }, qualifier: 'exact', amount: '30' }, '13'),
      ]);
      expect(model.points[0]!.y).toBe(model.noNumberLane);
      expect(model.points[1]!.y).toBeLessThan(model.noNumberLane);
      expect(model.segments).toHaveLength(1);
      expect(model.unit).toBe('%');

      const money = buildChartModel([
        entry('initial', { measure: eur, qualifier: 'up_to', amount: '110000000' }, '2'),
        entry('revision', { measure: eur, qualifier: 'exact', amount: '95000000' }, '14'),
      ]);
      expect(money.segments.map((s) => s.exact)).toEqual([false, true]);
      expect(money.segments[1]!.yLow).toBeGreaterThan(money.segments[0]!.yLow); // lower value, lower on screen
      expect(money.risers).toHaveLength(1);
      expect(money.points.map((p) => p.position)).toEqual(['2', '14']);
      expect(money.points[1]!.description).toContain('recorded 2026-11-26 10:00:00 UTC by analyst-1 (position 14)');
    });

    it('ends the line at a retraction: the report is in effect at no time after it', () => {
      const model = buildChartModel([
        entry('initial', { measure: { kind: 'quantity', unit: 't' }, qualifier: 'exact', amount: '90' }, '8'),
        entry('retraction', { measure: { kind: 'quantity', unit: 't' }, qualifier: 'exact', amount: '90' }, '17'),
      ]);
      expect(model.segments).toHaveLength(1);
      expect(model.segments[0]!.x2).toBe(model.points[1]!.x);
    });

    it('marks where the record stood at the moment the reader came from, by cursor or by time', () => {
      const entries = [
        { ...entry('initial', { measure: eur, qualifier: 'up_to', amount: '110000000' }, '2'), recordedAt: '2025-03-17T12:00:00.000Z' },
        { ...entry('revision', { measure: eur, qualifier: 'exact', amount: '95000000' }, '14'), recordedAt: '2025-09-15T09:00:00.000Z' },
      ];
      expect(entriesOnRecordAt(entries, '13')).toBe(1);
      expect(entriesOnRecordAt(entries, '14')).toBe(2);
      expect(entriesOnRecordAt(entries, '2025-08-01')).toBe(1);
      expect(entriesOnRecordAt(entries, '2025-09-15T09:00:00Z')).toBe(2);
      const model = buildChartModel(entries, undefined, 1);
      expect(model.asOfX).toBeGreaterThan(model.points[0]!.x);
      expect(model.asOfX).toBeLessThan(model.points[1]!.x);
      expect(buildChartModel(entries, undefined, 2).asOfX).toBeUndefined();
    });

    it('dates only a few steps of a long history, the first and the last among them', () => {
      expect(labelledIndexes(3)).toEqual([0, 1, 2]);
      expect(labelledIndexes(1101)).toEqual([0, 183, 367, 550, 733, 917, 1100]);
      expect(labelledIndexes(0)).toEqual([]);
    });

    it('draws a long step line as three paths, not one element per step', () => {
      const entries = Array.from({ length: 1000 }, (_, i) => entry(i === 0 ? 'initial' : 'revision', { measure: eur, qualifier: i % 2 ? 'exact' : 'about', amount: String(10 + (i % 7)) }, String(i + 1)));
      const paths = stepPaths(buildChartModel(entries));
      expect(paths.exact.match(/M/g)).toHaveLength(500);
      expect(paths.inexact.match(/M/g)).toHaveLength(500);
      expect(paths.risers.match(/M/g)).toHaveLength(999);
    });

    it('chooses round ticks that reach the largest value', () => {
      expect(niceTicks(110_000_000)).toEqual([0, 50_000_000, 100_000_000, 150_000_000]);
      expect(niceTicks(30)).toEqual([0, 10, 20, 30]);
      expect(niceTicks(0)).toEqual([0, 1]);
    });
  });

  it('writes CSV a spreadsheet opens as text: a cell beginning = + - @ (or tab, CR) gets an apostrophe, and quotes are doubled', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('up to EUR 110,000,000')).toBe('"up to EUR 110,000,000"');
    expect(csvCell('plain = text')).toBe('plain = text');
    expect(csvCell(undefined)).toBe('');
    expect(toCsv(['a', 'b'], [[1, '=2']])).toBe("a,b\r\n1,'=2\r\n");
    const csv = figureHistoriesCsv('d', [{ figureId: 'f', label: 'F', entries: [{
      position: '3', revision: 2, eventType: 'FigureRevised.v1', eventId: 'e', change: 'revision', display: '-5 t', reason: '=cmd',
      reportedAt: '2025-01-01', recordedAt: '2026-01-01T00:00:00Z', recordedBy: 'a', source: { publisher: '@x', tier: 'primary' },
    }] }]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe(HISTORY_CSV_HEADER.join(','));
    expect(row).toContain("'-5 t");
    expect(row).toContain("'=cmd");
    expect(row).toContain("'@x · primary source");
  });

  it("says what a figure is about in a reader's words, parties by name", () => {
    const names: Record<string, string> = { jogmec: 'JOGMEC', iwatani: 'Iwatani Corporation', caremag: 'Caremag' };
    const nameOf = (id: string) => names[id] ?? id;
    const investment = { context: { investors: ['jogmec', 'iwatani'], target: 'caremag', instruments: ['equity', 'debt financing'] }, value: { qualifier: 'exact' } };
    expect(contextInWords(investment, nameOf)).toEqual([
      ['Investors', 'JOGMEC, Iwatani Corporation'], ['Invested in', 'Caremag'], ['Instruments', 'equity, debt financing'],
    ]);
    const loan = { context: { investors: ['jogmec'], target: 'caremag', instruments: ['loan'] }, value: { qualifier: 'exact' } };
    expect(contextLine(loan, nameOf)).not.toBe(contextLine(investment, nameOf));
    expect(contextLine(loan, nameOf)).toContain('Instruments: loan');
    expect(contextInWords({ context: { holder: 'jogmec', basis: 'unspecified', conditional: false, label: 'skipped' }, stage: 'under_construction', value: { qualifier: 'exact' } }, nameOf))
      .toEqual([['Held by', 'JOGMEC'], ['Basis', 'not stated'], ['Conditional', 'no'], ['Stage', 'under construction']]);
    expect(contextInWords({ context: { unitPrice: 'USD 80 per kg' }, value: { qualifier: 'exact' } })).toEqual([['Unit price', 'USD 80 per kg']]);
  });

  it('compares two "in effect on" answers figure by figure', () => {
    const f = (figureId: string, display: string, status = 'current') => ({ figureId, label: figureId, display, status, reportedAt: '2025-03-17' });
    const changes = effectDiff([f('a', '1'), f('b', '2'), f('c', '3')], [f('a', '1'), f('b', '5', 'revised'), f('d', '4')]);
    expect(changes.map((c) => [c.figureId, c.kind])).toEqual([['b', 'changed'], ['d', 'added'], ['c', 'removed']]);
  });

  it('sorts the deals on screen by title, figures or last recorded', () => {
    const deals = [
      { title: 'beta', updatedAt: '2026-01-02T00:00:00Z', figureCount: 1 },
      { title: 'Alpha', updatedAt: '2026-01-01T00:00:00Z', figureCount: 9 },
      { title: 'gamma', updatedAt: '2026-01-03T00:00:00Z', figureCount: 4 },
    ];
    expect(sortDeals(deals, 'title').map((d) => d.title)).toEqual(['Alpha', 'beta', 'gamma']);
    expect(sortDeals(deals, 'figures').map((d) => d.title)).toEqual(['Alpha', 'gamma', 'beta']);
    expect(sortDeals(deals, 'recorded').map((d) => d.title)).toEqual(['gamma', 'beta', 'Alpha']);
  });

  it('says a failed proof failed, by its code, and never calls the events after a bad checkpoint "not yet signed"', () => {
    const checked = {
      dealId: 'd',
      ok: true,
      chain: { ok: true, events: 14 },
      checkpoint: { treeSize: 20, signedAt: '2026-12-04T03:00:00.000Z', origin: 'deal-ledger.local/x', cosigners: [] },
      included: Array.from({ length: 10 }, (_, i) => ({ revision: i, position: String(i + 1), leafIndex: i })),
      notYetCheckpointed: Array.from({ length: 4 }, (_, i) => ({ revision: 10 + i, position: String(21 + i) })),
      readModel: { ok: true, differences: [] },
    } as unknown as DealVerification;
    expect(verificationInWords(checked).title).toBe('Record checked: 14 events; 4 not yet signed');

    const forged = { ...checked, ok: false, problem: { code: 'CHECKPOINT.ROOT_MISMATCH', message: 'the log is not the one the checkpoint signed' } } as unknown as DealVerification;
    const words = verificationInWords(forged);
    expect(words.title).toBe('This deal’s proof FAILED its check');
    expect(words.lines[0]).toBe('What failed: the log is not the one the checkpoint signed (CHECKPOINT.ROOT_MISMATCH).');
    expect(words.lines.join(' ')).not.toMatch(/not yet under a signed checkpoint/i);
  });
});
