import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyBook, keyView } from '#application';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { IssuedKeyAnswer, KeyAnswer, KeyListAnswer } from './access.answer.js';
import { IssueKeyRequest, RevokeKeyRequest } from './access.request.js';
import { ReadRoute } from '../http/openapi/read-route.js';

/**
 * API keys for services, issued and revoked by admins (the same as `ledger keys`). The
 * key is in the answer to its creation and nowhere else; the ledger keeps its SHA-256.
 */
@ApiTags('admin')
@Controller('admin/keys')
export class AccessKeysHttpController {
  constructor(@Inject(ApiKeyBook) private readonly keys: ApiKeyBook) {}

  @ReadRoute(undefined, 'Every key ever issued: id, name, roles, who issued it, when, and when it was revoked', KeyListAnswer)
  async list(): Promise<KeyListAnswer> {
    return { items: (await this.keys.list()).map(keyView) };
  }

  @Post()
  @ApiOperation({ summary: 'Issue a key; the answer holds the key, shown this once' })
  @ApiResponse({ status: 409, description: 'KEYS.NAME_TAKEN: an active key has this name' })
  @ApiCreatedResponse({ type: IssuedKeyAnswer })
  async issue(@Body() body: IssueKeyRequest, @Req() request: AuthenticatedRequest): Promise<IssuedKeyAnswer> {
    const { key, record } = await this.keys.issue(body, principalOf(request).actor);
    return { ...keyView(record), key };
  }

  @Delete(':key')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key (by id, or by the name of an active key): refused from the next request on' })
  @ApiOkResponse({ type: KeyAnswer })
  async revoke(@Param('key') key: string, @Body() body: RevokeKeyRequest, @Req() request: AuthenticatedRequest): Promise<KeyAnswer> {
    return keyView(await this.keys.revoke(key, principalOf(request).actor, body.reason));
  }
}
