import PDFDocument from 'pdfkit';
import type { RegulatorReport, ReportEntry } from './regulator-report.js';
import { charactersOutsideWinAnsi, winAnsiText } from './win-ansi.js';

const CHANGE_WORDS: Record<ReportEntry['change'], string> = {
  initial: 'INITIAL REPORT',
  revision: 'REVISION (the world changed)',
  disclosure: 'DISCLOSURE (a withheld value disclosed)',
  correction: 'CORRECTION (the record was wrong)',
  retraction: 'RETRACTION (the report was withdrawn)',
  stage: 'STAGE (where it stands changed)',
};

/**
 * The report as a PDF, drawn by pdfkit with its standard fonts. The same report gives the
 * same bytes: the document's dates are the report's own date (the last selected event's
 * recording time), and pdfkit derives the file /ID from the document info, which holds
 * nothing else that varies. Text goes through winAnsiText (see win-ansi.ts).
 */
export function renderRegulatorReportPdf(report: RegulatorReport): Promise<Buffer> {
  const date = new Date(report.documentDate);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: true,
    info: {
      Title: `Deal Ledger regulator export: ${winAnsiText(report.scope)}`,
      Author: 'Deal Ledger',
      Subject: 'Reported deal facts, their history and sources, and the verification of the ledger',
      Creator: 'Deal Ledger',
      Producer: 'Deal Ledger (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, report);
  doc.end();
  return done;
}

function draw(doc: PDFKit.PDFDocument, report: RegulatorReport): void {
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsiText(value), options);
  const heading = (value: string, size: number) => {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size);
    text(value);
    doc.font('Helvetica').fontSize(9.5);
  };
  const v = report.verification;

  doc.font('Helvetica-Bold').fontSize(16);
  text('Deal Ledger - regulator export');
  doc.font('Helvetica').fontSize(9.5).moveDown(0.4);
  text(`Scope: ${report.scope}`);
  text(`Requested by: ${report.requestedBy}`);
  text(`Document date: ${report.documentDate} (when the ledger recorded the last event exported)`);
  text(`Events exported: ${report.selectedEvents}; deals: ${report.deals.length}; party records: ${report.parties.length}`);

  heading('Verification', 12);
  text(`Ledger verified before export: ${v.ledgerVerified ? 'yes' : 'no'} (every hash chain, the Merkle tree and every checkpoint).`);
  text(`Checkpoint: tree size ${v.treeSize}, root ${v.root}, signed ${v.checkpointSignedAt}, ${v.cosignatures} witness cosignature(s)${v.timestamped ? ', RFC 3161 timestamp attached' : ''}.`);
  text(`Ledger key: ${v.ledgerKey}`);
  text(`Proofs checked: ${v.eventsProven} events of ${v.streams} stream(s), each event's chain hash recomputed and its RFC 9162 inclusion proof checked against that checkpoint.`);
  text('Check it yourself: ledger verify-bundle <this zip> --ledger-key <the ledger key, obtained apart from this package>.');
  const outside = charactersOutside(report);
  text(
    'Characters the PDF standard fonts cannot draw are written as [U+XXXX] (their Unicode code point)' +
      (outside > 0 ? `: ${outside} in this report.` : ': none in this report.') +
      ' events.jsonl and figure-histories.csv keep every text exactly.',
  );
  text('Times: effective = when a figure applies; reported = when the source reported it; recorded = when the ledger recorded it.');

  for (const deal of report.deals) {
    heading(`Deal: ${deal.title} (${deal.dealId})`, 13);
    doc.font('Helvetica-Bold');
    text('Parties');
    doc.font('Helvetica');
    for (const party of deal.parties) text(`- ${party.name} (${party.partyId}): ${party.kind}${party.country ? `, ${party.country}` : ''}; roles: ${party.roles}`, { indent: 8 });
    if (deal.figures.length === 0) text('No figure of this deal has an entry in the export.');
    for (const figure of deal.figures) {
      heading(`${figure.label}`, 10.5);
      text(`Figure ${figure.figureId} (${figure.fact})`);
      figure.entries.forEach((entry, i) => {
        doc.moveDown(0.25).font('Helvetica-Bold');
        text(`${i + 1}. ${CHANGE_WORDS[entry.change]}: ${entry.value}`, { indent: 8 });
        doc.font('Helvetica');
        const lines = [
          `Source: ${entry.source}`,
          `Effective: ${entry.effectiveAt ?? 'not stated'}; reported: ${entry.reportedAt}; recorded: ${entry.recordedAt} by ${entry.recordedBy}`,
          ...(entry.reason !== undefined ? [`Reason: ${entry.reason}`] : []),
          `Event: ${entry.event}`,
        ];
        for (const line of lines) text(line, { indent: 20 });
      });
    }
  }
  if (report.parties.length > 0) {
    heading('Party records', 13);
    for (const party of report.parties) {
      doc.font('Helvetica-Bold');
      text(`${party.name} (${party.partyId})`);
      doc.font('Helvetica');
      text(
        `${party.kind}${party.country ? `, ${party.country}` : ''}${party.lei ? `, LEI ${party.lei}` : ''}; registered ${party.registeredAt}` +
          (party.aliases ? `; also known as ${party.aliases}` : ''),
        { indent: 8 },
      );
    }
  }
}

function charactersOutside(report: RegulatorReport): number {
  return charactersOutsideWinAnsi(JSON.stringify(report));
}
