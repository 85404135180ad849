import { applyDecorators, Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  addPartyAlias,
  AddPartyAliasRequest,
  endPartyParentLink,
  EndPartyParentLinkRequest,
  linkPartyParent,
  LinkPartyParentRequest,
  registerParty,
  RegisterPartyRequest,
  renameParty,
  RenamePartyRequest,
} from '#contract';
import { PartyCallOf, type PartyCall } from './party-call.js';
import { DryRunDocs } from '../http/dry-run.js';
import { PartyCommandAnswer, PartyDryRunAnswer } from './party-command.answer.js';
import { PartyCommandGateway } from './party-command.gateway.js';

/** A party command route: POST to `path`, and the answers every one documents (as the deal routes do). */
const PartyCommandRoute = (path: string, summary: string, options: { ifMatch: boolean }): MethodDecorator =>
  applyDecorators(
    Post(path),
    ApiOperation({ summary }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first result' }),
    ...(options.ifMatch ? [ApiHeader({ name: 'If-Match', required: false, description: 'The party revision ("3") the change is based on' })] : []),
    DryRunDocs(PartyDryRunAnswer, 'party'),
    ApiCreatedResponse({ type: PartyCommandAnswer, description: 'Recorded; ETag is the new party revision' }),
    ApiResponse({ status: 400, description: 'Invalid input: code and field say what (PARTY.INVALID_LEI, PARTY.PARENT_IS_SELF, PARTY.UNKNOWN_PARENT…)' }),
    ApiResponse({ status: 401, description: 'No valid API key or token' }),
    ApiResponse({ status: 403, description: 'The caller has no writer role' }),
    ApiResponse({ status: 404, description: 'PARTY.NOT_FOUND: no such party' }),
    ApiResponse({ status: 409, description: 'A rule refused it (PARTY.ALREADY_REGISTERED, PARTY.RENAME_CHANGES_NOTHING, PARTY.PARENT_LINK_NOT_OPEN…)' }),
    ...(options.ifMatch ? [ApiResponse({ status: 412, description: 'The party changed since If-Match' })] : []),
    ApiResponse({ status: 422, description: 'IDEMPOTENCY.KEY_REUSED: the key was used for another command' }),
  );

@ApiTags('parties')
@Controller('parties')
export class WritePartiesHttpController {
  constructor(private readonly gateway: PartyCommandGateway) {}

  // The party's id is in the body: the command takes it from there.
  @PartyCommandRoute('', 'Register a party, to be named by id across deals (an LEI is checked by its ISO 7064 digits)', { ifMatch: false })
  register(@Body() body: RegisterPartyRequest, @PartyCallOf() call: PartyCall) {
    return this.gateway.send(registerParty, body, call);
  }

  @PartyCommandRoute(':partyId/renames', 'Record a new name from effectiveAt (the ledger records when it learnt it)', { ifMatch: true })
  rename(@Body() body: RenamePartyRequest, @PartyCallOf() call: PartyCall) {
    return this.gateway.send(renameParty, body, call);
  }

  @PartyCommandRoute(':partyId/aliases', 'Record another name the party goes by', { ifMatch: true })
  alias(@Body() body: AddPartyAliasRequest, @PartyCallOf() call: PartyCall) {
    return this.gateway.send(addPartyAlias, body, call);
  }

  @PartyCommandRoute(':partyId/parents', 'Record that the party became a unit of a registered parent party from effectiveAt', { ifMatch: true })
  linkParent(@Body() body: LinkPartyParentRequest, @PartyCallOf() call: PartyCall) {
    return this.gateway.send(linkPartyParent, body, call);
  }

  // A POST, not a DELETE: the link is not erased, its end is a dated fact with a source.
  @PartyCommandRoute(':partyId/parents/:parentId/end', 'Record that the party stopped being a unit of that parent at effectiveAt', { ifMatch: true })
  endParentLink(@Body() body: EndPartyParentLinkRequest, @PartyCallOf() call: PartyCall) {
    return this.gateway.send(endPartyParentLink, body, call);
  }
}
