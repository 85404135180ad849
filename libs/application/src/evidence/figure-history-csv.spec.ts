import type { FigureHistoryEntry } from '#projections';
import { FIGURE_HISTORY_CSV_HEADER, figureHistoryCsv, parseCsv } from './figure-history-csv.js';

const entry = (note: string, reason: string): FigureHistoryEntry => ({
  dealId: 'deal-1',
  figureId: 'stake',
  fact: 'stake',
  context: {},
  change: 'correction',
  value: { measure: { kind: 'percentage' }, qualifier: 'undisclosed', note },
  display: 'undisclosed',
  changed: ['qualifier'],
  source: { publisher: '@ledger', tier: 'primary' },
  reportedAt: '2025-03-17',
  recordedAt: '2026-12-03T10:00:00.000Z',
  recordedBy: 'analyst-1',
  reason,
  eventId: 'e1',
  eventType: 'FigureCorrected.v2',
  commandId: 'c1',
  revision: 3,
  position: 42,
});

describe('the figure-history CSV', () => {
  const [header, row] = parseCsv(figureHistoryCsv([entry('=HYPERLINK("http://x","y")', '+1 source said so')]));
  const cell = (name: string) => row![header!.indexOf(name)];

  it('writes a text cell a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(header).toEqual(FIGURE_HISTORY_CSV_HEADER);
    expect([cell('note'), cell('reason'), cell('source_publisher')]).toEqual(["'=HYPERLINK(\"http://x\",\"y\")", "'+1 source said so", "'@ledger"]);
  });

  it('keeps the exact words in the JSON columns, and plain cells as they are', () => {
    expect(JSON.parse(cell('value_json')!)).toMatchObject({ note: '=HYPERLINK("http://x","y")' });
    expect(JSON.parse(cell('source_json')!)).toMatchObject({ publisher: '@ledger' });
    expect([cell('figure_id'), cell('position'), cell('display')]).toEqual(['stake', '42', 'undisclosed']);
  });

  it('guards a cell that begins with a tab, a carriage return or a minus sign too', () => {
    for (const words of ['\tcmd', '\rcmd', '-2+3']) {
      const [names, cells] = parseCsv(figureHistoryCsv([entry(words, 'r')]));
      expect(cells![names!.indexOf('note')]).toBe(`'${words}`);
    }
  });
});
