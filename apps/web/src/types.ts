/**
 * The shapes this page reads from the ledger's HTTP API: the answers' schemas, generated from
 * the OpenAPI document (`npm run contract`), under the names the page uses.
 */
import type { components } from './generated/ledger-api.js';

type Schemas = components['schemas'];

export type Source = Schemas['SourceRequest'];
export type Party = Schemas['DealPartyAnswer'];
export type DealLink = Schemas['DealLinkAnswer'];
export type FigureValue = Schemas['FigureValueRequest'];
/** A figure of a deal (`GET /deals/:id`, now or with `knownAt`/`validAt`: one shape for both). */
export type Figure = Schemas['FigureAnswer'];
/** One entry of a figure's history (`GET …/figures/:figureId/history`), and a cause in a diff. */
export type HistoryEntry = Schemas['HistoryEntryAnswer'];
export type Note = Schemas['NoteAnswer'];
/** A deal now, or as on record at a moment (then with `asOf`): the same shape. */
export type Deal = Schemas['DealAnswer'];
export type DealPage = Schemas['DealPageAnswer'];
export type EventPage = Schemas['EventPageAnswer'];
export type FigureDiff = Schemas['FigureDiffAnswer'];
export type DealDiff = Schemas['DealDiffAnswer'];
/** The error body every failing route answers with. */
export type ErrorBody = Schemas['ErrorAnswer'];
/** One deal's proof (`GET /deals/:id/verification`): its chain, its checkpoint, the events not under one yet. */
export type DealVerification = Schemas['DealVerificationAnswer'];
/** A legal hold in force over a deal (`GET /deals/:id/holds`): which, why, since when, by whom. */
export type LegalHold = Schemas['HoldAnswer'];
export type LegalHoldList = Schemas['HoldListAnswer'];
