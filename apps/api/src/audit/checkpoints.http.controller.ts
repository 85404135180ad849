import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLOCK, TransparencyLog } from '#application';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { fromCursor } from '#contract';
import { CosignatureAnswer, NOTE_TYPE, noteResponse, TIMESTAMP_REPLY_RESPONSE } from './transparency.answer.js';
import { CosignatureRequest } from './transparency.request.js';

/**
 * The ledger's signed checkpoints, in the published formats an outside auditor's tools read:
 * C2SP tlog-checkpoint in a C2SP signed note, with witnesses' cosignatures appended as they
 * come, and each checkpoint's RFC 3161 timestamp.
 */
@ApiTags('audit')
@Controller('audit/checkpoints')
export class CheckpointsHttpController {
  constructor(
    private readonly log: TransparencyLog,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Get('latest')
  @ApiOperation({ summary: 'The latest signed checkpoint (C2SP signed note), with every cosignature' })
  @ApiProduces(NOTE_TYPE)
  @ApiOkResponse(noteResponse('A C2SP signed note of a tlog-checkpoint, cosignatures appended'))
  @ApiResponse({ status: 404, description: 'CHECKPOINT.NOT_FOUND: none signed yet' })
  latest(@Res({ passthrough: true }) res: Response): string {
    const note = this.log.publishedCheckpoint('latest');
    res.setHeader('Content-Type', NOTE_TYPE);
    return note;
  }

  @Get(':treeSize')
  @ApiOperation({ summary: 'The checkpoint signed at this tree size (C2SP signed note), with every cosignature' })
  @ApiProduces(NOTE_TYPE)
  @ApiOkResponse(noteResponse('A C2SP signed note of a tlog-checkpoint, cosignatures appended'))
  @ApiResponse({ status: 404, description: 'CHECKPOINT.NOT_FOUND' })
  bySize(@Param('treeSize') treeSize: string, @Res({ passthrough: true }) res: Response): string {
    const note = this.log.publishedCheckpoint(fromCursor(treeSize, 'treeSize'));
    res.setHeader('Content-Type', NOTE_TYPE);
    return note;
  }

  @Get(':treeSize/timestamp')
  @ApiOperation({ summary: "The checkpoint's RFC 3161 TimeStampResp (DER), over the note as the ledger signed it" })
  @ApiProduces('application/timestamp-reply')
  @ApiOkResponse(TIMESTAMP_REPLY_RESPONSE)
  @ApiResponse({ status: 404, description: 'CHECKPOINT.NOT_FOUND or TIMESTAMP.NOT_FOUND' })
  timestamp(@Param('treeSize') treeSize: string, @Res() res: Response): void {
    const reply = this.log.timestamp(fromCursor(treeSize, 'treeSize'));
    res.type('application/timestamp-reply').send(reply);
  }

  @Post(':treeSize/cosignatures')
  @HttpCode(201)
  @ApiOperation({ summary: "A witness's C2SP cosignature of this checkpoint: checked, then kept and published with it" })
  @ApiResponse({ status: 422, description: 'COSIGNATURE.INVALID: not a valid cosignature/v1 by that key of this checkpoint' })
  @ApiResponse({ status: 409, description: 'COSIGNATURE.POSTER_USED: this credential already posted one for this checkpoint; COSIGNATURE.TOO_MANY' })
  @ApiCreatedResponse({ type: CosignatureAnswer })
  cosign(@Param('treeSize') treeSize: string, @Body() body: CosignatureRequest, @Req() request: AuthenticatedRequest): CosignatureAnswer {
    const size = fromCursor(treeSize, 'treeSize');
    const added = this.log.addCosignature(size, body.cosignature, body.witnessKey, {
      postedBy: principalOf(request).actor,
      receivedAt: this.clock(),
    });
    return { treeSize: size, added: added === 'added' };
  }
}
