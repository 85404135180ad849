import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LEDGER_SIGNER, TransparencyLog, type LedgerSigner } from '#application';
import { fromCursor } from '#contract';
import { ConsistencyProofAnswer, InclusionProofAnswer, NOTE_TYPE, noteResponse } from './transparency.answer.js';
import { ConsistencyProofRequest, InclusionProofRequest } from './transparency.request.js';
import { ReadRoute } from '../http/openapi/read-route.js';

/** RFC 9162 proofs over the log tree, in the JSON of the ledger's provability notes (hashes in base64). */
@ApiTags('audit')
@Controller('audit')
export class ProofsHttpController {
  constructor(
    private readonly log: TransparencyLog,
    @Inject(LEDGER_SIGNER) private readonly signer: LedgerSigner,
  ) {}

  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'The audit path of an event in the tree of `treeSize` events (RFC 9162 §2.1.3)' })
  @ApiResponse({ status: 404, description: 'PROOF.UNKNOWN_POSITION (not in the tree yet) or PROOF.UNKNOWN_TREE_SIZE' })
  @ApiResponse({ status: 422, description: 'PROOF.NOT_IN_TREE: the event came after the first `treeSize` events' })
  @ApiOkResponse({ type: InclusionProofAnswer })
  inclusion(@Query() query: InclusionProofRequest): InclusionProofAnswer {
    return this.log.inclusionProof(fromCursor(query.position, 'position'), query.treeSize);
  }

  @ReadRoute('proofs/consistency', 'The proof that the tree of `to` events extends the tree of `from` (RFC 9162 §2.1.4)', ConsistencyProofAnswer)
  consistency(@Query() query: ConsistencyProofRequest): ConsistencyProofAnswer {
    return this.log.consistencyProof(query.from, query.to);
  }

  @Get('ledger-key')
  @ApiOperation({ summary: "The ledger's C2SP verifier key: compare it with the one you were given by another channel" })
  @ApiProduces(NOTE_TYPE)
  @ApiOkResponse(noteResponse('The C2SP verifier key, one line'))
  ledgerKey(@Res({ passthrough: true }) res: Response): string {
    res.setHeader('Content-Type', NOTE_TYPE);
    return `${this.signer.vkey}\n`;
  }
}
