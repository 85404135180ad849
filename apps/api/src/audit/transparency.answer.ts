import { ApiProperty, type ApiResponseNoStatusOptions } from '@nestjs/swagger';
import type { ConsistencyProofAnswer as ConsistencyProof, InclusionProofAnswer as InclusionProof } from '#application';

// RFC 9162 proofs as the log gives them (the identity: no converter), hashes in standard base64.

export class InclusionProofAnswer implements InclusionProof {
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty() leafHash!: string;
  @ApiProperty({ type: [String] }) auditPath!: string[];
}

export class ConsistencyProofAnswer implements ConsistencyProof {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [String] }) proof!: string[];
}

export class CosignatureAnswer {
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'False when the same cosignature was already kept' }) added!: boolean;
}

/** A C2SP signed note (a checkpoint, or the ledger's verifier key): text, one line each. */
export const NOTE_TYPE = 'text/plain; charset=utf-8';

export const noteResponse = (description: string): ApiResponseNoStatusOptions => ({
  description,
  content: { [NOTE_TYPE]: { schema: { type: 'string' } } },
});

export const TIMESTAMP_REPLY_RESPONSE: ApiResponseNoStatusOptions = {
  description: 'An RFC 3161 TimeStampResp, DER',
  content: { 'application/timestamp-reply': { schema: { type: 'string', format: 'binary' } } },
};
