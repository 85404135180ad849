import { DEAL_EVENT_TYPES, dealIdFromStreamName, figuresIntroducedBy, fromStoredEvent, type DealEvent } from '#domain';
import type { EmmettConnection, EmmettProjection, EmmettReadEvent } from './emmett-api.js';

const json = (value: unknown): string => JSON.stringify(value);

/**
 * The deal-state read model written the Emmett way: an Emmett projection whose handler
 * runs SQL on the connection it is given. It issues the statements the ledger's
 * deal-state projection issues per event (one row per deal, one per figure, one per
 * note; an insert or an update per event), so a rebuild compares the stores' feeding of
 * a projection, not two different projections.
 */
export async function createEmmettDealStateTables(connection: EmmettConnection): Promise<void> {
  await connection.command(`CREATE TABLE IF NOT EXISTS bench_deal_state (
    deal_id TEXT PRIMARY KEY, title TEXT NOT NULL, parties TEXT NOT NULL, revision INTEGER NOT NULL,
    position INTEGER NOT NULL, updated_at TEXT NOT NULL, figure_count INTEGER NOT NULL DEFAULT 0)`);
  await connection.command(`CREATE TABLE IF NOT EXISTS bench_deal_figures (
    deal_id TEXT NOT NULL, figure_id TEXT NOT NULL, value TEXT NOT NULL, source TEXT, status TEXT NOT NULL,
    last_position INTEGER NOT NULL, PRIMARY KEY (deal_id, figure_id))`);
  await connection.command(`CREATE TABLE IF NOT EXISTS bench_deal_notes (
    deal_id TEXT NOT NULL, note_id TEXT NOT NULL, text TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (deal_id, note_id))`);
}

/** The projection, and how many events it applied in this process (Emmett logs and swallows handler errors). */
export function createEmmettDealStateProjection(): EmmettProjection & { applied(): number } {
  let applied = 0;
  return {
    name: 'deal-state',
    canHandle: DEAL_EVENT_TYPES,
    async handle(events, { connection }) {
      for (const recorded of events) {
        await applyOne(connection, recorded);
        applied++;
      }
    },
    applied: () => applied,
  };
}

async function applyOne(connection: EmmettConnection, recorded: EmmettReadEvent): Promise<void> {
  const dealId = dealIdFromStreamName(recorded.metadata.streamName);
  const event = fromStoredEvent(recorded.type, recorded.data);
  if (dealId === undefined || event === undefined) return;
  const position = Number(recorded.metadata.globalPosition);
  const revision = Number(recorded.metadata.streamPosition) - 1;
  const at = new Date().toISOString();
  if (event.type === 'DealRegistered.v2') {
    await connection.command(
      'INSERT INTO bench_deal_state (deal_id, title, parties, revision, position, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      [dealId, event.data.title, json(event.data.parties), revision, position, at],
    );
    return;
  }
  const introduced = figuresIntroducedBy(event);
  await connection.command(
    'UPDATE bench_deal_state SET revision = ?, position = ?, updated_at = ?, figure_count = figure_count + ? WHERE deal_id = ?',
    [revision, position, at, introduced.length, dealId],
  );
  for (const { report } of introduced) {
    await connection.command(
      "INSERT INTO bench_deal_figures (deal_id, figure_id, value, source, status, last_position) VALUES (?, ?, ?, ?, 'current', ?)",
      [dealId, report.figureId, json(report.value), json(report.source), position],
    );
  }
  await applyChange(connection, event, dealId, position);
}

async function applyChange(connection: EmmettConnection, event: DealEvent, dealId: string, position: number): Promise<void> {
  switch (event.type) {
    case 'FigureRevised.v2':
    case 'FigureCorrected.v2':
      await connection.command(
        'UPDATE bench_deal_figures SET value = ?, source = ?, status = ?, last_position = ? WHERE deal_id = ? AND figure_id = ?',
        [json(event.data.value), json(event.data.source), event.type === 'FigureRevised.v2' ? 'revised' : 'corrected', position, dealId, event.data.figureId],
      );
      return;
    case 'ReportRetracted.v1':
      await connection.command(
        "UPDATE bench_deal_figures SET status = 'retracted', last_position = ? WHERE deal_id = ? AND figure_id = ?",
        [position, dealId, event.data.figureId],
      );
      return;
    case 'NoteRecorded.v1':
      await connection.command('INSERT INTO bench_deal_notes (deal_id, note_id, text, source) VALUES (?, ?, ?, ?)', [
        dealId,
        event.data.noteId,
        event.data.text,
        json(event.data.source),
      ]);
      return;
    default:
      return;
  }
}
