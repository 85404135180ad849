import { renderRegulatorReportPdf } from '../../libs/application/src/evidence/regulator/regulator-report-pdf.js';
import type { RegulatorReport } from '../../libs/application/src/evidence/regulator/regulator-report.js';
import { describeWithPoppler, flat, pdfInfo, pdfText } from '../support/poppler.js';

const report: RegulatorReport = {
  scope: 'deal tokyo-1',
  requestedBy: 'auditor-1',
  documentDate: '2025-03-17T09:30:00.000Z',
  selectedEvents: 2,
  deals: [
    {
      dealId: 'tokyo-1',
      title: 'Iwatani (岩谷産業) and Société Générale in Tōkyō 🏭',
      parties: [{ partyId: 'iwatani', name: '岩谷産業', kind: 'company', roles: 'investor', country: 'JP' }],
      figures: [
        {
          figureId: 'investment-amount',
          label: 'Investment in Tōkyō Refinery',
          fact: 'investment.amount',
          entries: [
            { change: 'initial', value: 'up to EUR 110,000,000', source: 'Reuters; attributed to 小林 (an official); tier primary', reportedAt: '2025-03-17', recordedAt: '2025-03-17T09:00:00.000Z', recordedBy: 'analyst-1', event: 'revision 1' },
            { change: 'correction', value: 'up to EUR 100,000,000', source: 'Reuters; tier primary', reportedAt: '2025-03-18', effectiveAt: '2025-03-01', recordedAt: '2025-03-17T09:30:00.000Z', recordedBy: 'analyst-2', event: 'revision 2', reason: 'Typed 110\nfor 100' },
          ],
        },
      ],
    },
  ],
  parties: [],
  verification: { ledgerVerified: true, treeSize: 31, root: 'N/wazn=', checkpointSignedAt: '2025-03-17T10:00:00.000Z', ledgerKey: 'deal-ledger.local/x+1+A', cosignatures: 0, timestamped: false, streams: 1, eventsProven: 2 },
};

describe('the PDF report', () => {
  it('is the same bytes for the same report: its dates come from the report, its /ID from them', async () => {
    const [a, b] = await Promise.all([renderRegulatorReportPdf(report), renderRegulatorReportPdf(report)]);
    expect(a.subarray(0, 8).toString()).toBe('%PDF-1.3');
    expect(a.equals(b)).toBe(true);
    const later = await renderRegulatorReportPdf({ ...report, documentDate: '2025-03-18T09:30:00.000Z' });
    expect(later.equals(a)).toBe(false);
  });
});

describeWithPoppler('the PDF report, read back with poppler-utils', () => {
  it('opens, is dated from the data, and writes what the standard fonts cannot draw as code points instead of failing', async () => {
    const pdf = await renderRegulatorReportPdf(report);
    const info = pdfInfo(pdf);
    expect(info).toMatchObject({ CreationDate: '2025-03-17T09:30:00Z', ModDate: '2025-03-17T09:30:00Z', Pages: '1' });
    const text = flat(pdfText(pdf));
    expect(text).toContain(flat('Iwatani ([U+5CA9][U+8C37][U+7523][U+696D]) and Société Générale in T[U+014D]ky[U+014D] [U+1F3ED]'));
    expect(text).toContain(flat('CORRECTION (the record was wrong): up to EUR 100,000,000'));
    expect(text).toContain(flat('Reason: Typed 110 for 100'));
    expect(text).toContain(flat('Effective: 2025-03-01; reported: 2025-03-18; recorded: 2025-03-17T09:30:00.000Z by analyst-2'));
    // 岩谷産業 twice, ō four times, 🏭 and 小林: 15.
    expect(text).toContain(flat('written as [U+XXXX] (their Unicode code point): 15 in this report'));
  });
});
